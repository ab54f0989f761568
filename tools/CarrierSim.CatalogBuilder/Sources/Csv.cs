using System.Text;

namespace CarrierSim.CatalogBuilder.Sources;

/// <summary>
/// A minimal RFC 4180 reader: the source files quote fields that contain commas
/// (e.g. ILEC names such as <c>"VERIZON NEW YORK, INC."</c>), nothing more exotic.
/// </summary>
internal static class Csv
{
    /// <summary>Reads the records of <paramref name="path"/> after skipping <paramref name="skipLines"/> lines; the first record read is the header.</summary>
    public static List<CsvRecord> Read(string path, int skipLines = 0)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        for (var i = 0; i < skipLines; i++)
        {
            _ = reader.ReadLine();
        }

        var header = ReadRecord(reader) ?? throw new InvalidDataException($"'{path}' has no header line.");
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            columns[header[i].Trim()] = i;
        }

        var records = new List<CsvRecord>();
        while (ReadRecord(reader) is { } fields)
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            records.Add(new CsvRecord(columns, fields, path));
        }

        return records;
    }

    private static List<string>? ReadRecord(TextReader reader)
    {
        var first = reader.Peek();
        if (first < 0)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (quoted)
            {
                if (c < 0)
                {
                    throw new InvalidDataException("Unterminated quoted CSV field.");
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n' or -1:
                    fields.Add(field.ToString());
                    return fields;
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }
}

/// <summary>One CSV record, read by column name.</summary>
internal sealed class CsvRecord(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> fields, string path)
{
    public string this[string column]
    {
        get
        {
            if (!columns.TryGetValue(column, out var index))
            {
                throw new InvalidDataException($"'{path}' has no column '{column}'.");
            }

            return index < fields.Count ? fields[index].Trim() : "";
        }
    }
}
