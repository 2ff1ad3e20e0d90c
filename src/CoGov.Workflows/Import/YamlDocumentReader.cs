using System.Globalization;
using CoGov.Domain.Common;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CoGov.Workflows.Import;

/// <summary>
/// Reads a YAML file node by node, remembering where each value sits, so that every problem, whether a missing field,
/// an unknown one, a wrong type or a broken rule of the model found later, is reported with its line and column.
/// Parsing to the node model rather than straight to objects is what keeps those positions.
/// </summary>
internal sealed class YamlDocumentReader
{
    private readonly Dictionary<string, Mark> _positions = new(StringComparer.Ordinal);

    private readonly YamlLimits _limits;

    public YamlDocumentReader(string fileName, YamlLimits? limits = null)
    {
        FileName = fileName;
        _limits = limits ?? YamlLimits.Upload;
    }

    public string FileName { get; }

    public List<ImportError> Errors { get; } = [];

    /// <summary>Parses the text and returns the top-level mapping, or null (with an error) when it is not valid YAML.</summary>
    public Fields? Open(string content)
    {
        var stream = new YamlStream();
        try
        {
            // Counted as it is parsed: a file past a limit is refused before its aliases are followed or its nodes built.
            stream.Load(_limits.Guard(new Parser(new StringReader(content))));
        }
        catch (YamlLimitException ex)
        {
            Errors.Add(new ImportError(FileName, (int)ex.Start.Line, (int)ex.Start.Column, "", ex.Why));
            return null;
        }
        catch (YamlException ex)
        {
            Errors.Add(new ImportError(FileName, (int)ex.Start.Line, (int)ex.Start.Column, "", new Phrase("this is not valid YAML: {0}", Plain(ex))));
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            Errors.Add(new ImportError(FileName, 0, 0, "", new Phrase("the file is empty: it holds no YAML document.")));
            return null;
        }
        return Mapping(stream.Documents[0].RootNode, "");
    }

    public void Fail(string path, Phrase message)
    {
        var mark = PositionOf(path);
        Errors.Add(new ImportError(FileName, (int)mark.Line, (int)mark.Column, path, message));
    }

    /// <summary>Where a path sits in the file: the path itself, or the nearest enclosing value that was read.</summary>
    public Mark PositionOf(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (_positions.TryGetValue(p, out var mark))
            {
                return mark;
            }
            if (p.Length == 0)
            {
                return Mark.Empty;
            }
        }
    }

    public Fields? Mapping(YamlNode node, string path)
    {
        _positions.TryAdd(path, node.Start);
        if (node is YamlMappingNode mapping)
        {
            return new Fields(this, mapping, path);
        }
        Fail(path, new Phrase("expected a set of fields (key: value) here."));
        return null;
    }

    public string? Scalar(YamlNode node, string path)
    {
        _positions.TryAdd(path, node.Start);
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }
        Fail(path, new Phrase("expected a single value here, not a list or a set of fields."));
        return null;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string path)
    {
        _positions.TryAdd(path, node.Start);
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }
        Fail(path, new Phrase("expected a list here."));
        return [];
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private static string Plain(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the position is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    /// <summary>The fields of one mapping. Every field not asked for by the time <see cref="Done"/> is called is reported as unknown.</summary>
    internal sealed class Fields
    {
        private readonly YamlDocumentReader _reader;
        private readonly YamlMappingNode _node;
        private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

        public Fields(YamlDocumentReader reader, YamlMappingNode node, string path)
        {
            _reader = reader;
            _node = node;
            Path = path;
            // A field given twice never gets here: YamlDotNet refuses the file ("Duplicate key") with its line.
            foreach (var key in node.Children.Keys)
            {
                _reader._positions.TryAdd(Child((key as YamlScalarNode)?.Value ?? ""), key.Start);
            }
        }

        public string Path { get; }

        public string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

        public YamlNode? Node(string name, bool required)
        {
            _asked.Add(name);
            foreach (var (key, value) in _node.Children)
            {
                if ((key as YamlScalarNode)?.Value == name)
                {
                    return value;
                }
            }
            if (required)
            {
                // Reported under the missing field's own path, at the line of the fields it belongs in.
                _reader.Fail(Child(name), new Phrase("the field '{0}' is missing.", name));
            }
            return null;
        }

        public string? Text(string name, bool required = true)
        {
            var node = Node(name, required);
            if (node is null)
            {
                return null;
            }
            var value = _reader.Scalar(node, Child(name));
            if (required && value is not null && string.IsNullOrWhiteSpace(value))
            {
                _reader.Fail(Child(name), new Phrase("'{0}' is empty.", name));
                return null;
            }
            return value;
        }

        public int? Integer(string name, bool required = true)
        {
            var text = Text(name, required);
            if (text is null)
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            _reader.Fail(Child(name), new Phrase("'{0}' must be a whole number, not '{1}'.", name, text));
            return null;
        }

        public TEnum? Choice<TEnum>(string name, IReadOnlyDictionary<string, TEnum> choices, bool required = true) where TEnum : struct
        {
            var text = Text(name, required);
            if (text is null)
            {
                return null;
            }
            if (choices.TryGetValue(text, out var value))
            {
                return value;
            }
            _reader.Fail(Child(name), new Phrase("'{0}' must be one of {1}, not '{2}'.", name, string.Join(", ", choices.Keys), text));
            return null;
        }

        public IReadOnlyList<string> TextList(string name, bool required = true)
        {
            var node = Node(name, required);
            if (node is null)
            {
                return [];
            }
            var items = _reader.Sequence(node, Child(name));
            var texts = new List<string>();
            for (var i = 0; i < items.Count; i++)
            {
                if (_reader.Scalar(items[i], $"{Child(name)}[{i}]") is { } text)
                {
                    texts.Add(text);
                }
            }
            return texts;
        }

        /// <summary>A text keyed by language (<c>en: ...</c>). Its rules (which languages, none empty) are the model's to check.</summary>
        public LocalizedText? Localized(string name, bool required = true)
        {
            var node = Node(name, required);
            if (node is null)
            {
                return null;
            }
            var fields = _reader.Mapping(node, Child(name));
            if (fields is null)
            {
                return null;
            }
            var texts = new List<KeyValuePair<string, string>>();
            foreach (var (key, value) in fields._node.Children)
            {
                var language = (key as YamlScalarNode)?.Value ?? "";
                fields._asked.Add(language);
                if (_reader.Scalar(value, fields.Child(language)) is { } text)
                {
                    texts.Add(new(language, text.Trim()));
                }
            }
            return new LocalizedText(texts);
        }

        public IReadOnlyList<(Fields Fields, string Path)> Records(string name, bool required = true)
        {
            var node = Node(name, required);
            if (node is null)
            {
                return [];
            }
            var items = _reader.Sequence(node, Child(name));
            var records = new List<(Fields, string)>();
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{Child(name)}[{i}]";
                if (_reader.Mapping(items[i], path) is { } fields)
                {
                    records.Add((fields, path));
                }
            }
            return records;
        }

        public Fields? Record(string name, bool required = true)
        {
            var node = Node(name, required);
            return node is null ? null : _reader.Mapping(node, Child(name));
        }

        /// <summary>
        /// The fields of this mapping as name → value text, for open-ended maps such as routing by question. With
        /// <paramref name="scalarsOnly"/> false the values are not read (the caller reads each as a record).
        /// </summary>
        public IReadOnlyList<(string Name, string? Value, string Path)> Entries(bool scalarsOnly = true)
        {
            var entries = new List<(string, string?, string)>();
            foreach (var (key, value) in _node.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                _asked.Add(name);
                entries.Add((name, scalarsOnly ? _reader.Scalar(value, Child(name)) : null, Child(name)));
            }
            return entries;
        }

        /// <summary>Marks fields as dealt with when an earlier problem means they are not read at all.</summary>
        public void Skip(params string[] names) => _asked.UnionWith(names);

        /// <summary>Reports every field that was not asked for: a misspelt field must not be silently ignored.</summary>
        public void Done()
        {
            foreach (var key in _node.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!_asked.Contains(name))
                {
                    _reader.Fail(Child(name), new Phrase("unknown field '{0}'; the fields here are {1}.", name, string.Join(", ", _asked)));
                }
            }
        }
    }
}
