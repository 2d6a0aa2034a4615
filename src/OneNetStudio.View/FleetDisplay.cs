using Spectre.Console;

namespace OneNetStudio.View;

/// <summary>
/// Draws a <see cref="FleetView"/> frame after frame. Between frames the caller's <c>waitForNextFrame</c> runs on the
/// same thread (the pipeline thread: it folds messages into the view) and returns false to end the display. Spectre
/// types stay inside this assembly, so the cmdlet assembly never names them.
/// </summary>
public static class FleetDisplay
{
    /// <summary>
    /// Redraws in place on the process's terminal until the wait says stop or q is pressed; leaves the screen clear and
    /// the cursor shown. Frames are rendered off-screen and written whole: Spectre's own live display and input are not
    /// used, because on a Unix terminal its console makes a key check wait for a key.
    /// </summary>
    public static FleetDisplayEnd RunInTerminal(FleetView view, TimeSpan refresh, Func<TimeSpan, bool> waitForNextFrame)
    {
        return RunLive(Console.Out, () => (Console.WindowWidth, Console.WindowHeight), view, refresh, waitForNextFrame,
            Console.IsInputRedirected ? null : TerminalQuitPressed);
    }

    /// <summary>Renders each frame off-screen at <paramref name="width"/> x <paramref name="height"/> and hands it over as plain text.</summary>
    public static void RunAsText(FleetView view, int width, int height, TimeSpan refresh, Func<TimeSpan, bool> waitForNextFrame, Action<string> frame)
    {
        frame(RenderText(view, width, height));
        while (waitForNextFrame(refresh))
        {
            frame(RenderText(view, width, height));
        }
    }

    /// <summary>One frame as plain text (no colours, no escape sequences).</summary>
    public static string RenderText(FleetView view, int width, int height) =>
        Render(view, width, height, ansi: false, interactive: false);

    /// <param name="quitPressed">Null when there is no keyboard to read.</param>
    internal static FleetDisplayEnd RunLive(TextWriter terminal, Func<(int Width, int Height)> size, FleetView view, TimeSpan refresh,
        Func<TimeSpan, bool> waitForNextFrame, Func<bool>? quitPressed)
    {
        var drawn = 0;
        terminal.Write("\u001b[?25l"); // hide the cursor while drawing
        try
        {
            do
            {
                var (width, height) = size();
                var frame = Render(view, Math.Max(width - 1, 20), Math.Max(height, FleetRenderer.ChromeLines + 1), ansi: true, interactive: quitPressed is not null);
                var lines = frame.Split('\n');
                // Back to the frame's first line, then each line over the old one, then clear what the old frame had below.
                terminal.Write(ToTop(drawn) + string.Join("\u001b[K\n", lines) + "\u001b[K\u001b[J");
                terminal.Flush();
                drawn = lines.Length;
                if (quitPressed?.Invoke() == true)
                {
                    return FleetDisplayEnd.Quit;
                }
            }
            while (waitForNextFrame(refresh));
            return FleetDisplayEnd.Ended;
        }
        finally
        {
            terminal.Write(ToTop(drawn) + "\u001b[J\u001b[?25h"); // clear the frame and show the cursor again
            terminal.Flush();
        }
    }

    private static string ToTop(int drawnLines) => drawnLines switch
    {
        0 => string.Empty,
        1 => "\r",
        _ => $"\r\u001b[{drawnLines - 1}A",
    };

    private static string Render(FleetView view, int width, int height, bool ansi, bool interactive)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.EightBit : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Write(FleetRenderer.Render(view, width, height, interactive));
        return writer.ToString().TrimEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static bool TerminalQuitPressed()
    {
        while (Console.KeyAvailable)
        {
            if (IsQuit(Console.ReadKey(intercept: true)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsQuit(ConsoleKeyInfo key) => key.KeyChar is 'q' or 'Q' || key.Key == ConsoleKey.Escape;
}
