using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OneNetStudio.View;

/// <summary>
/// Turns a <see cref="FleetView"/> into one frame sized to the console: a header line, a table with a row per device
/// (the most active when they do not all fit) and as many property columns as the width allows, and a footer line.
/// </summary>
internal static class FleetRenderer
{
    /// <summary>Lines that are not device rows: header, the table's top border, column titles, rule, bottom border, a footer that may wrap once on a narrow terminal, and one spare so the terminal never scrolls.</summary>
    internal const int ChromeLines = 8;
    private const int StatusWidth = 8;
    private const int SeenWidth = 5;
    private const int RateWidth = 6;
    private const int MaxDeviceWidth = 32;
    private const int MinValueWidth = 5;
    private const int MaxValueWidth = 16;
    private const int CellChrome = 3; // a border and a space either side

    public static IRenderable Render(FleetView view, int width, int height, bool interactive)
    {
        var rows = view.MostActive(Math.Max(1, height - ChromeLines));
        var deviceWidth = Math.Clamp(rows.Count == 0 ? 6 : rows.Max(d => DeviceLabel(view, d).Length), 6, MaxDeviceWidth);
        var used = 1 + (deviceWidth + CellChrome) + (StatusWidth + CellChrome) + (SeenWidth + CellChrome) + (RateWidth + CellChrome);
        var columns = new List<(string Identifier, int Width)>();
        foreach (var identifier in view.Columns)
        {
            var valueWidth = Math.Clamp(Math.Max(identifier.Length, rows.Count == 0 ? 0 : rows.Max(d => Cell(d, identifier).Length)), MinValueWidth, MaxValueWidth);
            if (used + valueWidth + CellChrome > width)
            {
                break;
            }
            used += valueWidth + CellChrome;
            columns.Add((identifier, valueWidth));
        }

        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        AddColumn(table, "Device", deviceWidth, Justify.Left);
        AddColumn(table, "Status", StatusWidth, Justify.Left);
        AddColumn(table, "Seen", SeenWidth, Justify.Right);
        foreach (var (identifier, valueWidth) in columns)
        {
            AddColumn(table, identifier, valueWidth, Justify.Right);
        }
        AddColumn(table, "Msg/s", RateWidth, Justify.Right);

        var now = view.Now;
        foreach (var device in rows)
        {
            var cells = new List<IRenderable>(columns.Count + 4)
            {
                Plain(DeviceLabel(view, device)),
                StatusCell(device.Status),
                new Text(Ago(device.LastSeen, now), new Style(Color.Grey)),
            };
            cells.AddRange(columns.Select(c => Plain(Cell(device, c.Identifier))));
            cells.Add(Plain(Rate(view.PerSecond(device))));
            table.AddRow(cells);
        }
        return new Rows(Header(view, interactive), table, Footer(view, rows.Count, view.Columns.Count - columns.Count));
    }

    private static void AddColumn(Table table, string title, int width, Justify justify) =>
        table.AddColumn(new TableColumn(new Text(title, new Style(decoration: Decoration.Bold))) { Width = width, NoWrap = true, Alignment = justify });

    private static Text Plain(string text) => new Text(text).Overflow(Overflow.Ellipsis);

    internal static string DeviceLabel(FleetView view, DeviceLiveState device) =>
        view.ManyProducts ? $"{device.ProductId}/{device.DeviceName}" : device.DeviceName;

    internal static string Cell(DeviceLiveState device, string identifier) =>
        device.Values.TryGetValue(identifier, out var value) ? JsonValues.Display(value) : "";

    private static Text StatusCell(DeviceStatus? status) => status switch
    {
        DeviceStatus.Online => new Text("online", new Style(Color.Green)),
        DeviceStatus.Offline => new Text("offline", new Style(Color.Red, decoration: Decoration.Bold)),
        DeviceStatus.Inactive => new Text("inactive", new Style(Color.Grey)),
        _ => new Text("unknown", new Style(Color.Grey)),
    };

    internal static string Ago(DateTimeOffset? seen, DateTimeOffset now)
    {
        if (seen is not { } at)
        {
            return "-";
        }
        var age = now - at;
        return age.TotalSeconds < 1 ? "now"
            : age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    internal static string Rate(double perSecond) => perSecond switch
    {
        0 => "0",
        < 10 => perSecond.ToString("0.0", CultureInfo.InvariantCulture),
        < 10_000 => perSecond.ToString("0", CultureInfo.InvariantCulture),
        _ => (perSecond / 1000).ToString("0", CultureInfo.InvariantCulture) + "k",
    };

    private static Markup Header(FleetView view, bool interactive)
    {
        var text = "[bold]OneNET fleet[/]";
        if (view.Session is { } session)
        {
            var colour = session.State switch
            {
                ConnectionState.Connected => "green",
                ConnectionState.Closed => "red",
                _ => "yellow",
            };
            text += $" · {Markup.Escape(session.Label)} · [{colour}]{session.State}[/] · reconnects {session.Reconnects}";
        }
        if (interactive)
        {
            text += " · [grey]q or Ctrl+C to quit[/]";
        }
        return new Markup(text).Overflow(Overflow.Ellipsis);
    }

    private static Markup Footer(FleetView view, int shown, int hiddenColumns)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{view.Count} devices · [green]{view.Online} online[/] · [red]{view.Offline} offline[/] · {view.Unknown} unknown · {Rate(view.PerSecond())} msg/s · {view.Messages} messages");
        if (shown < view.Count)
        {
            text += $" · top {shown} by activity, {view.Count - shown} more";
        }
        if (hiddenColumns > 0)
        {
            text += $" · {hiddenColumns} more columns";
        }
        return new Markup(text).Overflow(Overflow.Ellipsis);
    }
}
