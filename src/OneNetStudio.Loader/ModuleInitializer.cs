using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace OneNetStudio.Loader;

/// <summary>
/// Imported as a nested module before the cmdlets; on import it teaches the default load context to find our engine assemblies (OneNetStudio.Core, .Simulator and .View) in
/// the module's own <see cref="DependencyLoadContext"/>, the pattern PowerShell's docs give for resolving assembly
/// conflicts. Only those names are redirected; their dependencies (MQTTnet, Spectre.Console) then resolve inside our context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    internal const string DependencyFolder = "dependencies";
    private const string ModelAssembly = "OneNetStudio.Model";
    private static readonly string[] EngineAssemblies = ["OneNetStudio.Core", "OneNetStudio.Simulator", "OneNetStudio.View"];
    private static readonly object Gate = new();
    private static DependencyLoadContext? _context;

    /// <summary>Null when the assemblies sit next to the module (tests, a plain build output): nothing to redirect.</summary>
    internal static DependencyLoadContext? Context => _context;

    public void OnImport()
    {
        lock (Gate)
        {
            if (_context is not null)
            {
                return;
            }
            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
            var dependencies = Path.Combine(moduleDirectory, DependencyFolder);
            if (!System.IO.Directory.Exists(dependencies))
            {
                return;
            }
            _context = new DependencyLoadContext(dependencies);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
            // The output types live in the default context, beside the cmdlets, so scripts can name them.
            var model = Path.Combine(moduleDirectory, ModelAssembly + ".dll");
            if (File.Exists(model) && !AssemblyLoadContext.Default.Assemblies.Any(a => a.GetName().Name == ModelAssembly))
            {
                AssemblyLoadContext.Default.LoadFromAssemblyPath(model);
            }
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
        _context is { } context && EngineAssemblies.Contains(name.Name, StringComparer.Ordinal)
            ? context.LoadFromAssemblyName(name)
            : null;
}
