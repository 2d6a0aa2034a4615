using System.Management.Automation;

namespace OneNetStudio.Commands;

/// <summary>The errors of a version-checked removal of desired values.</summary>
internal static class DesiredErrors
{
    /// <summary>The stored value is at another version than the one to remove: it changed since it was read.</summary>
    public static ErrorRecord VersionMismatch(OneNetDesiredValue current, long givenVersion) => new(
        new InvalidOperationException(
            $"The desired value '{current.Name}' of {current.ProductId}/{current.DeviceName} is {(current.Version is { } at ? $"at version {at}" : "stored without a version")}, not at version {givenVersion}: it changed since version {givenVersion} was read, so nothing was removed. Read it again with Get-OneNetDesiredProperty, or leave out -Version to remove whatever is stored."),
        "OneNetDesiredVersionMismatch", ErrorCategory.InvalidOperation, current);

    /// <summary>Nothing is stored under the name any more, at the version given or any other.</summary>
    public static ErrorRecord ValueNotFound(string productId, string deviceName, string name, long givenVersion) => new(
        new ItemNotFoundException(
            $"{productId}/{deviceName} has no desired value '{name}' (version {givenVersion} was asked for): it was removed already, or never set."),
        "OneNetDesiredValueNotFound", ErrorCategory.ObjectNotFound, $"{productId}/{deviceName}/{name}");
}
