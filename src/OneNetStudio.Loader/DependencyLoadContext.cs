using System.Reflection;
using System.Runtime.Loader;

namespace OneNetStudio.Loader;

/// <summary>
/// The module's own load context: our engine assemblies and MQTTnet load here from the module's dependencies folder, so
/// another module that brings a different MQTTnet into the same pwsh cannot break us (nor we it). Anything not in that
/// folder (the framework, System.Text.Json, PowerShell itself, and OneNetStudio.Model with the output types, which sits
/// beside the cmdlets) comes from the default context as usual.
/// </summary>
internal sealed class DependencyLoadContext(string directory) : AssemblyLoadContext("OneNetStudio", isCollectible: false)
{
    public string Directory { get; } = directory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(Directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
