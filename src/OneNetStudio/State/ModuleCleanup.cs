using System.Management.Automation;

namespace OneNetStudio.State;

/// <summary>Closes the runspace's sessions and simulators when the module is removed.</summary>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    public void OnRemove(PSModuleInfo psModuleInfo) => RunspaceState.Current.CloseAll();
}
