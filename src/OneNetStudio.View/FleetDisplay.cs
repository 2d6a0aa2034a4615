using Spectre.Console;

namespace OneNetStudio.View;

/// <summary>
/// Draws a <see cref="FleetView"/> frame after frame. Between frames the caller's <c>waitForNextFrame</c> runs on the
/// same thread (the pipeline thread: it folds messages into the view) and returns false to end the display. Spectre
/// types stay inside this assembly, so the cmdlet assembly never names them.
/// </summary>
public static class FleetDisplay
{
    /// <summary>Redraws in place on the process's terminal until the wait says stop or q is pressed; leaves the screen clear and the cursor shown.</summary>
    public static FleetDisplayEnd RunInTerminal(FleetView view, TimeSpan refresh, Func<TimeSpan, bool> waitForNextFrame) =>
        RunLive(AnsiConsole.Console, view, refresh, waitForNextFrame, readKeys: !Console.IsInputRedirected);

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
    public static string RenderText(FleetView view, int width, int height)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Write(FleetRenderer.Render(view, width, height, interactive: false));
        return writer.ToString().TrimEnd();
    }

    internal static FleetDisplayEnd RunLive(IAnsiConsole console, FleetView view, TimeSpan refresh, Func<TimeSpan, bool> waitForNextFrame, bool readKeys)
    {
        var end = FleetDisplayEnd.Ended;
        console.Live(new Text(string.Empty))
            .AutoClear(true)
            .Overflow(VerticalOverflow.Crop)
            .Cropping(VerticalOverflowCropping.Bottom)
            .Start(context =>
            {
                do
                {
                    context.UpdateTarget(FleetRenderer.Render(view, console.Profile.Width, console.Profile.Height, interactive: readKeys));
                    context.Refresh();
                    if (readKeys && QuitPressed(console))
                    {
                        end = FleetDisplayEnd.Quit;
                        return;
                    }
                }
                while (waitForNextFrame(refresh));
            });
        return end;
    }

    private static bool QuitPressed(IAnsiConsole console)
    {
        while (console.Input.IsKeyAvailable())
        {
            if (console.Input.ReadKey(intercept: true) is { } key && (key.KeyChar is 'q' or 'Q' || key.Key == ConsoleKey.Escape))
            {
                return true;
            }
        }
        return false;
    }
}
