using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Transforms;

/// <summary>
/// Lets a certificate parameter take certificates or the path of a PEM (one or a bundle) or DER file, resolved against
/// the current PowerShell location, so the error names the parameter and the file before anything touches the network.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class CertificateTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var certificates = new List<X509Certificate2>();
        foreach (var item in LanguagePrimitives.GetEnumerable(inputData) ?? new[] { inputData })
        {
            switch (item is PSObject wrapped ? wrapped.BaseObject : item)
            {
                case X509Certificate2 certificate:
                    certificates.Add(certificate);
                    break;
                case string or FileInfo:
                    certificates.AddRange(Load(engineIntrinsics, item.ToString()!));
                    break;
                case null:
                    throw new ArgumentTransformationMetadataException("A certificate authority is a certificate or the path of a PEM or DER file, not null.");
                case var other:
                    throw new ArgumentTransformationMetadataException($"A certificate authority is an X509Certificate2 or the path of a PEM or DER file, not {other.GetType().Name}.");
            }
        }
        return certificates.ToArray();
    }

    private static X509Certificate2Collection Load(EngineIntrinsics engineIntrinsics, string path)
    {
        var resolved = engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        try
        {
            return CertificateFiles.Load(resolved);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }
}
