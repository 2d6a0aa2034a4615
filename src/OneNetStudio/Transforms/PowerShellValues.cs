using System.Collections.Specialized;
using System.Management.Automation;

namespace OneNetStudio.Transforms;

/// <summary>Turns PowerShell's wrappers into the plain values Core writes as JSON.</summary>
internal static class PowerShellValues
{
    public static object? Unwrap(object? value)
    {
        if (value is PSObject wrapped)
        {
            if (wrapped.BaseObject is PSCustomObject)
            {
                var properties = new OrderedDictionary(StringComparer.Ordinal);
                foreach (var property in wrapped.Properties)
                {
                    properties[property.Name] = property.Value;
                }
                return properties;
            }
            value = wrapped.BaseObject;
        }
        return value is SwitchParameter flag ? flag.IsPresent : value;
    }
}
