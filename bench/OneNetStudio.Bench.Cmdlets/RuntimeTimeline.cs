using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace OneNetStudio.Bench.Cmdlets;

/// <summary>
/// Listens to the runtime's own events inside the pwsh it is loaded in, to show what a timed window went through:
/// each garbage collection by phase (suspension, marking by root kind, the rest), tiered compilation's pauses and
/// backlog, when methods whose name matches a filter were compiled and at which tier, and the bytes allocated by
/// type (the runtime's allocation ticks, one per ~100 KB). Used by tools/bench/SetTimeline.ps1.
/// </summary>
public sealed class RuntimeTimeline : EventListener
{
    private const long GcKeyword = 0x1;
    private const long JitKeyword = 0x10;
    private const long TieringKeyword = 0x1000000000;

    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentDictionary<string, long> _allocated = new();
    private DateTime _start = DateTime.UtcNow;
    private volatile bool _recording;
    private readonly object _backlogGate = new();
    private int _backlogFirst = -1;
    private int _backlogMost;
    private int _backlogLast;

    /// <summary>Methods (namespace and name, as in "PSTraceSource::WriteLine") whose compilations are listed.</summary>
    public string MethodFilter { get; set; } = "PSTraceSource::WriteLine";

    /// <summary>Starts the clock and the recording; events before this are ignored.</summary>
    public void Start()
    {
        _lines.Clear();
        _allocated.Clear();
        lock (_backlogGate)
        {
            (_backlogFirst, _backlogMost, _backlogLast) = (-1, 0, 0);
        }
        _start = DateTime.UtcNow;
        _recording = true;
    }

    /// <summary>Ends the recording and returns what it heard, in order of arrival.</summary>
    public string[] Stop()
    {
        _recording = false;
        _lines.Enqueue($"{Milliseconds(DateTime.UtcNow),9:F1} (stop)");
        lock (_backlogGate)
        {
            _lines.Enqueue(_backlogFirst < 0
                ? "the tiering worker never ran"
                : $"methods waiting for the tiering worker: {_backlogFirst} when it first ran, {_backlogMost} at most, {_backlogLast} when it last ran");
        }
        return [.. _lines];
    }

    /// <summary>Allocation by type over the recording, largest first.</summary>
    public KeyValuePair<string, long>[] AllocatedByType() => [.. _allocated.OrderByDescending(a => a.Value)];

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)(GcKeyword | JitKeyword | TieringKeyword));
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is not { } name)
        {
            return;
        }
        if (name == "TieredCompilationBackgroundJitStart")
        {
            Backlog(Convert.ToInt32(Field(e, "PendingMethodCount") ?? 0));
            return;
        }
        if (name.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            var type = (string?)Field(e, "TypeName") ?? "?";
            var bytes = Convert.ToInt64(Field(e, "AllocationAmount64") ?? Field(e, "AllocationAmount") ?? 0L);
            _allocated.AddOrUpdate(type, bytes, (_, total) => total + bytes);
            return;
        }
        var line = name switch
        {
            _ when name.StartsWith("GCStart", StringComparison.Ordinal) => $"GC start: gen {Field(e, "Depth")}, reason {Field(e, "Reason")}",
            _ when name.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal) => "GC suspending threads",
            _ when name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal) => "GC threads restarted",
            _ when name.StartsWith("GCMarkWithType", StringComparison.Ordinal) => $"GC marked from {RootKind(Field(e, "Type"))}: {Field(e, "Bytes")} bytes",
            _ when name.StartsWith("GCEnd", StringComparison.Ordinal) => "GC end",
            _ when name.StartsWith("GCHeapStats", StringComparison.Ordinal) => $"GC kept (promoted from gen0) {Field(e, "TotalPromotedSize0")} bytes",
            _ when name == "TieredCompilationPause" => "tiering paused (new methods are being called)",
            _ when name == "TieredCompilationResume" => $"tiering resumed after {Field(e, "NewMethodCount")} new methods",
            _ when name.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) => Compiled(e),
            _ => null,
        };
        if (line is not null)
        {
            _lines.Enqueue($"{Milliseconds(e.TimeStamp),9:F1} {line}");
        }
    }

    private void Backlog(int pending)
    {
        lock (_backlogGate)
        {
            if (_backlogFirst < 0)
            {
                _backlogFirst = pending;
            }
            _backlogMost = Math.Max(_backlogMost, pending);
            _backlogLast = pending;
        }
    }

    private string? Compiled(EventWrittenEventArgs e)
    {
        var method = $"{Field(e, "MethodNamespace")}::{Field(e, "MethodName")}";
        if (!method.Contains(MethodFilter, StringComparison.Ordinal))
        {
            return null;
        }
        // MethodFlags carries the optimization tier in bits 7-9.
        var tier = (Convert.ToInt64(Field(e, "MethodFlags") ?? 0L) >> 7) & 0x7;
        return $"compiled {method} (tier code {tier}: 3 is tier 0, 6 instrumented, 4 tier 1)";
    }

    private double Milliseconds(DateTime at) => (at.ToUniversalTime() - _start).TotalMilliseconds;

    private static object? Field(EventWrittenEventArgs e, string field)
    {
        var at = e.PayloadNames?.IndexOf(field) ?? -1;
        return at >= 0 ? e.Payload![at] : null;
    }

    private static string RootKind(object? type) => Convert.ToInt32(type ?? -1) switch
    {
        0 => "stacks",
        1 => "the finalization queue",
        2 => "handles",
        3 => "older generations (cards)",
        4 => "sized references",
        5 => "mark overflow",
        var other => $"root kind {other}",
    };
}
