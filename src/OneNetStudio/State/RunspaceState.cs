using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace OneNetStudio.State;

/// <summary>
/// The sessions and simulators of one runspace. Sessions opened in one runspace are not the current session of
/// another; closing the runspace (or removing the module) closes them.
/// </summary>
internal sealed class RunspaceState
{
    private static readonly ConditionalWeakTable<Runspace, RunspaceState> States = new();
    private static readonly RunspaceState Detached = new();

    private readonly object _gate = new();
    private readonly List<OneNetSession> _sessions = [];
    private readonly List<OneNetSimulator> _simulators = [];
    private readonly HashSet<(string ProductId, string DeviceName)> _watchedDevices = [];
    private int _nextSessionId;
    private int _nextSimulatorId;

    /// <summary>The state of the runspace running on this thread.</summary>
    public static RunspaceState Current
    {
        get
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace is null)
            {
                return Detached;
            }
            return States.GetValue(runspace, static r =>
            {
                var state = new RunspaceState();
                r.StateChanged += (_, e) =>
                {
                    if (e.RunspaceStateInfo.State is System.Management.Automation.Runspaces.RunspaceState.Closed or System.Management.Automation.Runspaces.RunspaceState.Broken)
                    {
                        state.CloseAll();
                    }
                };
                return state;
            });
        }
    }

    /// <summary>The newest open session, or null.</summary>
    public OneNetSession? CurrentSession
    {
        get { lock (_gate) { return _sessions.Count == 0 ? null : _sessions[^1]; } }
    }

    /// <summary>Current session first, then the others newest first.</summary>
    public IReadOnlyList<OneNetSession> Sessions
    {
        get { lock (_gate) { return Enumerable.Reverse(_sessions).ToList(); } }
    }

    public IReadOnlyList<OneNetSimulator> Simulators
    {
        get { lock (_gate) { return Enumerable.Reverse(_simulators).ToList(); } }
    }

    /// <summary>Devices of the runspace's simulators and devices it has watched or set: for tab completion.</summary>
    public IEnumerable<(string ProductId, string DeviceName)> KnownDevices()
    {
        List<(string, string)> watched;
        lock (_gate) { watched = _watchedDevices.ToList(); }
        return Simulators.SelectMany(s => s.Server.Fleet.Devices.Select(d => (d.ProductId, d.Name))).Concat(watched);
    }

    public void RememberDevices(IEnumerable<(string ProductId, string DeviceName)> devices)
    {
        lock (_gate)
        {
            foreach (var device in devices)
            {
                if (_watchedDevices.Count >= 100_000)
                {
                    break;
                }
                _watchedDevices.Add(device);
            }
        }
    }

    public int NextSessionId() => Interlocked.Increment(ref _nextSessionId);
    public int NextSimulatorId() => Interlocked.Increment(ref _nextSimulatorId);

    public void Add(OneNetSession session)
    {
        lock (_gate) { _sessions.Add(session); }
    }

    public bool Remove(OneNetSession session)
    {
        lock (_gate) { return _sessions.Remove(session); }
    }

    public void Add(OneNetSimulator simulator)
    {
        lock (_gate) { _simulators.Add(simulator); }
    }

    public bool Remove(OneNetSimulator simulator)
    {
        lock (_gate) { return _simulators.Remove(simulator); }
    }

    /// <summary>Closes every session and stops every simulator of this runspace.</summary>
    public void CloseAll()
    {
        OneNetSession[] sessions;
        OneNetSimulator[] simulators;
        lock (_gate)
        {
            sessions = _sessions.ToArray();
            simulators = _simulators.ToArray();
            _sessions.Clear();
            _simulators.Clear();
        }
        var closing = sessions.Select(s => s.CloseAsync())
            .Concat(simulators.Select(s => s.Server.DisposeAsync().AsTask()));
        Task.WaitAll(closing.ToArray(), TimeSpan.FromSeconds(10));
    }
}
