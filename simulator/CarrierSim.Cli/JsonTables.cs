using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CarrierSim.Cli;

/// <summary>
/// Renders an admin API answer for people: an array of objects as a table, an object as a two-column
/// list of its values followed by a table for each of its arrays of objects. Every admin answer has one
/// of these shapes, so one renderer serves every <c>admin</c> command; <c>--json</c> bypasses it.
/// </summary>
internal static class JsonTables
{
    /// <summary>Writes <paramref name="json"/>; text that is not JSON is written as it is.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="json">The answer's body.</param>
    /// <param name="columns">For arrays of objects, the properties to show, in order; null for all.</param>
    public static void Write(IAnsiConsole console, string json, IReadOnlyList<string>? columns = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            console.Profile.Out.Writer.WriteLine(json);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Array:
                    console.Write(Table(root, columns));
                    break;
                case JsonValueKind.Object:
                    WriteObject(console, root, columns);
                    break;
                default:
                    console.Profile.Out.Writer.WriteLine(root.GetRawText());
                    break;
            }
        }
    }

    private static void WriteObject(IAnsiConsole console, JsonElement value, IReadOnlyList<string>? columns)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        var tables = new List<(string Name, JsonElement Rows)>();
        foreach (var property in value.EnumerateObject())
        {
            if (IsRows(property.Value))
            {
                tables.Add((property.Name, property.Value));
            }
            else
            {
                grid.AddRow(new Text(property.Name), new Text(Cell(property.Value)));
            }
        }

        if (grid.Rows.Count > 0)
        {
            console.Write(grid);
        }

        foreach (var (name, rows) in tables)
        {
            console.WriteLine();
            console.Write(new Text(name + ":"));
            console.WriteLine();
            console.Write(Table(rows, columns));
        }
    }

    private static bool IsRows(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object);

    private static Table Table(JsonElement rows, IReadOnlyList<string>? columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (rows.GetArrayLength() == 0)
        {
            return table.AddColumn("(none)");
        }

        if (!IsRows(rows))
        {
            table.AddColumn("value");
            foreach (var element in rows.EnumerateArray())
            {
                table.AddRow(new Text(Cell(element)));
            }

            return table;
        }

        // Columns in order of first appearance, so optional fields of later rows are not lost.
        var names = columns?.ToList() ?? [.. rows.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal)];
        foreach (var name in names)
        {
            table.AddColumn(new TableColumn(name));
        }

        foreach (var row in rows.EnumerateArray())
        {
            table.AddRow(names.Select(n => (IRenderable)new Text(row.TryGetProperty(n, out var cell) ? Cell(cell) : "")).ToArray());
        }

        return table;
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Item)),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name}={Cell(p.Value)}")),
        _ => value.GetRawText(),
    };

    /// <summary>An element of an array in a cell: an object by its name (rules, scenarios, dialects…), else its values.</summary>
    private static string Item(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString() ?? ""
            : element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? "(" + Cell(element) + ")" : Cell(element);
}
