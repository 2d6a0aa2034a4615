using System.Management.Automation;
using System.Security;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Transforms;

/// <summary>
/// Lets an access-key parameter take a SecureString or a plain string, and rejects text that is not base64 while
/// the parameter is bound, so the error names the parameter and nothing touches the network. The key text is never
/// put in the error.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class AccessKeyTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var secure = (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            SecureString s => s,
            string text => SecureStrings.FromPlainText(text),
            null => throw new ArgumentTransformationMetadataException("The access key is empty."),
            var other => throw new ArgumentTransformationMetadataException($"An access key must be a SecureString or a string, not {other.GetType().Name}."),
        };
        if (!AccessKey.IsValid(secure))
        {
            throw new ArgumentTransformationMetadataException(
                "The access key is not valid base64. Copy the key from the OneNET console (user access key or project group key) exactly as shown.");
        }
        return secure;
    }
}
