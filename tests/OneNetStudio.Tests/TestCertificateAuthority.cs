using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OneNetStudio.Tests;

/// <summary>A certificate authority made at test time, issuing server certificates as PEM files a TLS broker can load.</summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificateAuthority(string name = "OneNetStudio Test CA")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("onenet-ca-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // mosquitto started as root drops to its own user before it reads the certificate files: they are
            // throwaway keys made for this test, so everyone may read them.
            File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));
        CertificatePath = Path.Combine(Directory, "ca.pem");
        File.WriteAllText(CertificatePath, Certificate.ExportCertificatePem());
    }

    public string Directory { get; }
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA's certificate as PEM.</summary>
    public string CertificatePath { get; }

    /// <summary>Issues a server certificate for <paramref name="names"/> (DNS names or IP addresses); returns its PEM certificate and key paths.</summary>
    public (string CertificatePath, string KeyPath) IssueServer(string fileName, string[] names, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", serverKey, HashAlgorithmName.SHA256);
        var subjectAlternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                subjectAlternativeNames.AddIpAddress(address);
            }
            else
            {
                subjectAlternativeNames.AddDnsName(name);
            }
        }
        request.CertificateExtensions.Add(subjectAlternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var certificate = request.Create(Certificate, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30), serial);
        var certificatePath = Path.Combine(Directory, fileName + ".pem");
        var keyPath = Path.Combine(Directory, fileName + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, serverKey.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
