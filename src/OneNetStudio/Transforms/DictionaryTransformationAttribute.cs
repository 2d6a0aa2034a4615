using System.Management.Automation;

namespace OneNetStudio.Transforms;

/// <summary>Lets a dictionary parameter take a [pscustomobject] as well, as its properties in their order.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DictionaryTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        inputData is PSObject { BaseObject: PSCustomObject } ? PowerShellValues.Unwrap(inputData)! : inputData;
}
