using Microsoft.Extensions.Time.Testing;
using OneNetStudio.View;
using Spectre.Console;
using Spectre.Console.Testing;

namespace OneNetStudio.Tests;

/// <summary>The live view's state and its frames, drawn into Spectre.Console.Testing's test console.</summary>
public sealed class FleetViewTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z"));

    private FleetView Fleet(int devices)
    {
        var view = new FleetView(_clock);
        for (var i = 1; i <= devices; i++)
        {
            view.Track("P1", $"device{i:D4}");
        }
        return view;
    }

    private void Report(FleetView view, string device, string name, object? value)
    {
        var state = view.Find("P1", device)!;
        view.Heard(state, _clock.GetUtcNow(), DeviceStatus.Online);
        view.SetValue(state, name, value);
    }

    private static string Draw(FleetView view, int width = 120, int height = 40, bool ansi = false)
    {
        var console = new TestConsole().Width(width).Height(height);
        if (ansi)
        {
            console.Colors(ColorSystem.TrueColor).EmitAnsiSequences();
        }
        console.Write(FleetRenderer.Render(view, width, height, interactive: false));
        return console.Output;
    }

    [Fact]
    public void Draws_a_row_per_device_with_its_latest_values_and_the_reported_properties_as_columns()
    {
        var view = Fleet(3);
        Report(view, "device0001", "temperature", 21.5);
        Report(view, "device0001", "temperature", 22.5);
        Report(view, "device0002", "humidity", 40L);

        var frame = Draw(view);

        Assert.Contains("temperature", frame);
        Assert.Contains("humidity", frame);
        var row1 = frame.Split('\n').Single(l => l.Contains("device0001"));
        Assert.Contains("22.5", row1);
        Assert.DoesNotContain("21.5", row1);
        Assert.Contains("online", row1);
        Assert.Contains("unknown", frame.Split('\n').Single(l => l.Contains("device0003")));
        Assert.Contains("3 devices · 2 online · 0 offline · 1 unknown", frame);
    }

    [Fact]
    public void An_offline_device_is_drawn_in_red_and_counted_offline()
    {
        var view = Fleet(2);
        Report(view, "device0001", "temperature", 20.0);
        view.Heard(view.Find("P1", "device0002")!, _clock.GetUtcNow(), DeviceStatus.Offline);

        var frame = Draw(view, ansi: true);

        var offlineRow = frame.Split('\n').Single(l => l.Contains("device0002"));
        Assert.Contains("\u001b[1;38;5;9moffline", offlineRow); // bold red
        Assert.Contains("\u001b[38;5;2monline", frame.Split('\n').Single(l => l.Contains("device0001"))); // green
        Assert.Equal(1, view.Offline);
        Assert.Equal(1, view.Online);
    }

    [Fact]
    public void When_the_devices_do_not_fit_it_draws_the_most_active_and_says_how_many_more()
    {
        var view = Fleet(100);
        for (var i = 0; i < 5; i++)
        {
            Report(view, "device0042", "t", i);
        }
        Report(view, "device0007", "t", 1);
        Report(view, "device0007", "t", 2);
        Report(view, "device0099", "t", 3);

        var frame = Draw(view, height: 20);
        var rows = frame.Split('\n').Where(l => l.Contains("device0")).ToList();

        Assert.Equal(20 - FleetRenderer.ChromeLines, rows.Count);
        Assert.Contains("device0042", rows[0]);
        Assert.Contains("device0007", rows[1]);
        Assert.Contains("device0099", rows[2]);
        Assert.Contains($"top {rows.Count} by activity, {100 - rows.Count} more", frame);
        Assert.True(frame.Split('\n').Length <= 20);
    }

    [Fact]
    public void Property_columns_that_do_not_fit_the_width_are_left_out_and_counted()
    {
        var view = Fleet(1);
        view.AddColumns(Enumerable.Range(1, 20).Select(i => $"property{i:D2}"));

        var frame = Draw(view, width: 80);

        Assert.Contains("property01", frame);
        Assert.DoesNotContain("property20", frame);
        var words = string.Join(' ', frame.Split([' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("18 more columns", words); // the footer may wrap on a narrow terminal
        Assert.All(frame.Split('\n'), line => Assert.True(line.Length <= 80, line));
    }

    [Fact]
    public void The_header_names_the_session_its_state_and_reconnects()
    {
        var view = Fleet(1);
        view.Session = new SessionSummary("session 3 (127.0.0.1:1883)", ConnectionState.Reconnecting, 2);

        var header = Draw(view).Split('\n')[0];

        Assert.Contains("session 3 (127.0.0.1:1883)", header);
        Assert.Contains("Reconnecting", header);
        Assert.Contains("reconnects 2", header);
    }

    [Fact]
    public void Messages_per_second_follow_a_burst_and_forget_it()
    {
        var view = Fleet(1);
        _clock.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 40; i++)
        {
            Report(view, "device0001", "t", i);
        }
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        var device = view.Find("P1", "device0001")!;
        Assert.InRange(view.PerSecond(device), 40 / 4.5 - 0.01, 40 / 4.5 + 0.01);
        Assert.Equal(view.PerSecond(device), view.PerSecond());

        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, view.PerSecond(device));
        Assert.Equal(40, device.Messages);
    }

    [Fact]
    public void The_device_list_gives_a_quiet_device_its_status_but_never_overrides_what_a_message_said()
    {
        var view = Fleet(3);
        var lastOnline = _clock.GetUtcNow().AddHours(-2);
        view.Heard(view.Find("P1", "device0001")!, _clock.GetUtcNow(), DeviceStatus.Offline);

        Assert.True(view.Listed("P1", "device0001", DeviceStatus.Online, lastOnline));
        Assert.True(view.Listed("P1", "device0002", DeviceStatus.Online, lastOnline));
        Assert.True(view.Listed("P1", "device0003", DeviceStatus.Offline, null));
        Assert.False(view.Listed("P1", "device0404", DeviceStatus.Online, lastOnline));

        Assert.Equal(DeviceStatus.Offline, view.Find("P1", "device0001")!.Status);
        Assert.Equal(_clock.GetUtcNow(), view.Find("P1", "device0001")!.LastSeen);
        Assert.Equal(DeviceStatus.Online, view.Find("P1", "device0002")!.Status);
        Assert.Equal(lastOnline, view.Find("P1", "device0002")!.LastSeen);
        Assert.Equal((1, 2, 0), (view.Online, view.Offline, view.Unknown));
        Assert.Equal(1, view.Messages);
    }

    [Fact]
    public void A_lifecycle_or_property_message_is_folded_into_its_device_and_others_are_ignored()
    {
        var view = Fleet(1);
        var at = _clock.GetUtcNow();
        var report = new OneNetPropertyMessage("P1", "device0001", "$sys/P1/device0001/thing/property/post", at, "{}", "1",
            [new OneNetPropertyValue("P1", "device0001", "temperature", 19.5, at)]);

        Assert.True(view.Apply(report));
        Assert.True(view.Apply(new OneNetLifecycleMessage("P1", "device0001", "$sys/P1/device0001/lifecycle", at, "{}", DeviceStatus.Offline, at)));
        Assert.False(view.Apply(new OneNetLifecycleMessage("P1", "device0404", "$sys/P1/device0404/lifecycle", at, "{}", DeviceStatus.Online, at)));

        var device = view.Find("P1", "device0001")!;
        Assert.Equal(19.5, device.Values["temperature"]);
        Assert.Equal(DeviceStatus.Offline, device.Status);
        Assert.Equal(["temperature"], view.Columns);
        Assert.Equal(1, view.Count);
    }

    [Fact]
    public void The_terminal_display_redraws_in_place_with_what_arrived_between_frames_and_leaves_the_screen_clean()
    {
        var view = Fleet(2);
        var terminal = new StringWriter();
        var waits = 0;

        var end = FleetDisplay.RunLive(terminal, () => (120, 30), view, TimeSpan.FromMilliseconds(10), _ =>
        {
            waits++;
            Report(view, "device0002", "temperature", 30.0 + waits);
            return waits < 3;
        }, quitPressed: () => false);

        var output = terminal.ToString();
        Assert.Equal(FleetDisplayEnd.Ended, end);
        Assert.Equal(3, waits);
        Assert.Contains("31.0", output);
        Assert.Contains("32.0", output);
        Assert.DoesNotContain("33.0", output); // the wait that said stop is not followed by a frame
        Assert.Contains("q or Ctrl+C to quit", output);
        Assert.StartsWith("\u001b[?25l", output); // cursor hidden while drawing
        var frameLines = output.Split("OneNET fleet")[1].Count(c => c == '\n') ;
        Assert.Contains($"\r\u001b[{frameLines}A", output); // the next frame starts where the last one did
        Assert.EndsWith("\u001b[J\u001b[?25h", output); // the last frame cleared, the cursor shown
        Assert.Contains("\u001b[38;5;2monline", output); // drawn in colour
    }

    [Fact]
    public void Pressing_q_ends_the_terminal_display_without_waiting_for_another_frame()
    {
        var view = Fleet(1);
        var terminal = new StringWriter();
        var console = new TestConsole();
        console.Input.PushCharacter('q');
        var waits = 0;

        var end = FleetDisplay.RunLive(terminal, () => (100, 20), view, TimeSpan.FromSeconds(10), _ => { waits++; return true; },
            quitPressed: () => console.Input.IsKeyAvailable() && console.Input.ReadKey(true)?.KeyChar == 'q');

        Assert.Equal(FleetDisplayEnd.Quit, end);
        Assert.Equal(0, waits);
        Assert.EndsWith("\u001b[?25h", terminal.ToString());
    }

    [Fact]
    public void A_text_frame_has_no_escape_sequences_and_fits_the_size_asked()
    {
        var view = Fleet(50);
        Report(view, "device0001", "temperature", 20.0);
        view.Heard(view.Find("P1", "device0002")!, _clock.GetUtcNow(), DeviceStatus.Offline);

        var frame = FleetDisplay.RenderText(view, 90, 15);

        Assert.DoesNotContain('\u001b', frame);
        Assert.Contains("offline", frame);
        var lines = frame.Split('\n');
        Assert.True(lines.Length <= 15);
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= 90, line));
    }
}
