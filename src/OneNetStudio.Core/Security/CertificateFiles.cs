using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OneNetStudio.Core.Security;

/// <summary>Reads the certificates of a trusted authority from a PEM file (one or a bundle) or a DER file.</summary>
public static class CertificateFiles
{
    /// <summary>Every certificate in <paramref name="path"/>; throws <see cref="InvalidDataException"/> when there is none.</summary>
    public static X509Certificate2Collection Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The certificate authority file '{path}' does not exist.", path);
        }
        var certificates = new X509Certificate2Collection();
        try
        {
            if (File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.ImportFromPemFile(path);
            }
            else
            {
                certificates.Add(new X509Certificate2(File.ReadAllBytes(path)));
            }
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"'{path}' is not a certificate in PEM or DER form: {ex.Message.TrimEnd('.')}.", ex);
        }
        if (certificates.Count == 0)
        {
            throw new InvalidDataException($"'{path}' holds no certificate (expected PEM '-----BEGIN CERTIFICATE-----' blocks or one DER certificate).");
        }
        return certificates;
    }
}
