namespace OneNetStudio.Bench;

/// <summary>--name value pairs from the command line.</summary>
internal sealed class BenchArgs(string[] args)
{
    public string Command => args.Length > 0 ? args[0] : "help";

    public string Get(string name, string fallback)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString()));
}
