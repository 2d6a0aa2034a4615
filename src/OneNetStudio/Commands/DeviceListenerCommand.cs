using System.Management.Automation;
using OneNetStudio.Core.Watching;

namespace OneNetStudio.Commands;

/// <summary>What Watch-OneNetDevice and Register-OneNetEvent add to the devices: the message types to listen to.</summary>
public abstract class DeviceListenerCommand : DeviceTargetCommand
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Value = new[] { OneNetStudio.MessageType.Lifecycle, OneNetStudio.MessageType.Property, OneNetStudio.MessageType.Event })]
    public MessageType[] MessageType { get; set; } = [OneNetStudio.MessageType.Lifecycle, OneNetStudio.MessageType.Property, OneNetStudio.MessageType.Event];

    protected IReadOnlyList<string> Topics() => WatchTarget.TopicsFor(Targets, MessageType.Distinct().ToList());
}
