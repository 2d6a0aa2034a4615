using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OneNetStudio.Core.Security;

/// <summary>
/// Decides whether a TLS server may be trusted, and remembers why not. By default the system's trust store and the
/// host name decide (what the TLS stack already checked); with <paramref name="authorities"/> the chain must end in one
/// of them instead, and the host name is still checked. Skipping accepts anything.
/// </summary>
public sealed class ServerCertificateValidator(string host, X509Certificate2Collection? authorities, bool skip)
{
    private volatile string? _failure;
    private volatile bool _presented;

    /// <summary>Why the last certificate was refused (null when it was not).</summary>
    public string? Failure => _failure;

    /// <summary>True once a server presented a certificate since the last <see cref="Reset"/>: the TLS handshake got that far.</summary>
    public bool CertificatePresented => _presented;

    /// <summary>Forgets the last verdict before a new connect.</summary>
    public void Reset()
    {
        _failure = null;
        _presented = false;
    }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        _presented = certificate is not null;
        if (skip)
        {
            return true;
        }
        _failure = Problem(certificate, chain, errors);
        return _failure is null;
    }

    private string? Problem(X509Certificate? presented, X509Chain? chain, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return $"the server {host} presented no certificate";
        }
        using var certificate = new X509Certificate2(presented);
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"the certificate is issued to '{NameOf(certificate)}', not to {host}";
        }
        if (authorities is null)
        {
            return errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
                ? Describe(certificate, chain?.ChainStatus ?? [], "the system's trust store")
                : null;
        }
        using var ownChain = new X509Chain();
        ownChain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        ownChain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        ownChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                ownChain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return ownChain.Build(certificate) ? null : Describe(certificate, ownChain.ChainStatus, "the given certificate authority");
    }

    private static string Describe(X509Certificate2 certificate, X509ChainStatus[] statuses, string trustedBy)
    {
        var now = DateTime.Now;
        if (statuses.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid)))
        {
            return certificate.NotAfter < now
                ? $"the certificate of '{NameOf(certificate)}' expired on {certificate.NotAfter.ToUniversalTime():u}"
                : certificate.NotBefore > now
                    ? $"the certificate of '{NameOf(certificate)}' is not valid before {certificate.NotBefore.ToUniversalTime():u}"
                    : $"a certificate in the chain of '{NameOf(certificate)}' is outside its validity period";
        }
        if (statuses.Any(s => s.Status.HasFlag(X509ChainStatusFlags.UntrustedRoot) || s.Status.HasFlag(X509ChainStatusFlags.PartialChain)))
        {
            return $"the certificate of '{NameOf(certificate)}' (issued by '{certificate.Issuer}') does not chain to {trustedBy}";
        }
        var detail = string.Join("; ", statuses.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return $"the certificate chain of '{NameOf(certificate)}' is not valid" + (detail.Length > 0 ? $": {detail.TrimEnd('.')}" : "");
    }

    private static string NameOf(X509Certificate2 certificate)
    {
        var name = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        return string.IsNullOrEmpty(name) ? certificate.Subject : name;
    }
}
