package dev.slipway.deployment.appconfig;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML file of a commit into a {@link YamlNode} tree, safely: a commit is untrusted
 * input. SnakeYAML only composes the node graph (no object is ever constructed from a tag); only
 * the standard scalar, mapping and list tags are accepted. Limits against oversized or
 * self-multiplying documents ("billion laughs"): 1 MiB per file, 50 aliases of lists or mappings,
 * 50 levels of nesting while parsing, and after aliases are expanded at most
 * {@value #MAX_VALUES} values and {@value #MAX_DEPTH} levels. Duplicate keys are problems.
 * Problems carry the parser's line and its short reason, never an exception's class or trace.
 */
final class YamlReader {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_VALUES = 100_000;
    static final int MAX_DEPTH = 100;

    private static final Set<Tag> SCALAR_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.BINARY);

    private YamlReader() {
    }

    /** The tree (null for an empty document or when the file could not be parsed) and the problems found. */
    record Result(YamlNode root, List<ConfigProblem> problems) {

        Result {
            problems = List.copyOf(problems);
        }

        boolean clean() {
            return problems.isEmpty();
        }

        /** A tree to check rules on: parsed, possibly with problems such as a duplicate key, or cleanly empty. */
        boolean readable() {
            return root != null || problems.isEmpty();
        }
    }

    static Result read(String file, byte[] content) {
        if (content.length > MAX_BYTES) {
            return failed(file, 1, "is larger than 1 MiB");
        }
        LoaderOptions options = options();
        StreamReader stream = new StreamReader(new UnicodeReader(new ByteArrayInputStream(content)));
        Node document;
        try {
            document = new Composer(new ParserImpl(stream, options), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            return failed(file, lineOf(e.getProblemMark(), stream), reasonOf(e));
        } catch (YAMLException e) {
            return failed(file, lineOf(null, stream), reasonOfUnmarked(e));
        }
        if (document == null) {
            return new Result(null, List.of());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Converter converter = new Converter(new FileProblems(file, problems), options);
        YamlNode root = converter.convert(document);
        Measure measure = converter.measure(root);
        if (measure.values() > MAX_VALUES) {
            problems.add(new ConfigProblem(file, root.line(), "expands to more than " + MAX_VALUES + " values through aliases"));
            root = null;
        } else if (measure.depth() > MAX_DEPTH) {
            problems.add(new ConfigProblem(file, root.line(), "nests deeper than " + MAX_DEPTH + " levels through aliases"));
            root = null;
        }
        return new Result(root, problems);
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(50);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        return options;
    }

    private static Result failed(String file, int line, String reason) {
        return new Result(null, List.of(new ConfigProblem(file, line, reason)));
    }

    private static int lineOf(Mark mark, StreamReader stream) {
        if (mark != null) {
            return mark.getLine() + 1;
        }
        try {
            return stream.getMark().getLine() + 1;
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /** The parser's own words, e.g. "mapping values are not allowed here", with the construct it was reading. */
    private static String reasonOf(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "is not valid YAML" : e.getProblem();
        String context = e.getContext();
        if (context == null) {
            return problem;
        }
        Mark contextMark = e.getContextMark();
        Mark problemMark = e.getProblemMark();
        if (contextMark != null && (problemMark == null || contextMark.getLine() != problemMark.getLine())) {
            return problem + " (" + context + " at line " + (contextMark.getLine() + 1) + ")";
        }
        return problem + " (" + context + ")";
    }

    private static String reasonOfUnmarked(YAMLException e) {
        if (e instanceof ReaderException reader) {
            return String.format("contains a character YAML does not allow (U+%04X)", reader.getCodePoint());
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return "is not valid UTF-8";
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Number of aliases")) {
            return "uses more than " + MAX_ALIASES + " aliases of lists or mappings (refused as a possible alias bomb)";
        }
        if (message.contains("exceeds the limit")) {
            return "is larger than 1 MiB";
        }
        if (message.toLowerCase().contains("nesting")) {
            return "nests deeper than 50 levels";
        }
        return "is not valid YAML";
    }

    private record Measure(long values, int depth) {
    }

    /** Turns the composed node graph into a tree, resolving aliases and merge keys once per node. */
    private static final class Converter {

        private final FileProblems problems;
        private final Scalars scalars;
        private final Map<Node, YamlNode> converted = new IdentityHashMap<>();
        private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<YamlNode, Measure> measures = new IdentityHashMap<>();

        Converter(FileProblems problems, LoaderOptions options) {
            this.problems = problems;
            this.scalars = new Scalars(options);
        }

        YamlNode convert(Node node) {
            YamlNode known = converted.get(node);
            if (known != null) {
                return known;
            }
            int line = node.getStartMark().getLine() + 1;
            if (!inProgress.add(node)) {
                problems.add(line, "an alias refers to the value that contains it");
                return new YamlNode.Scalar(line, null);
            }
            YamlNode result;
            if (node instanceof ScalarNode scalar) {
                result = scalar(scalar, line);
            } else if (node instanceof SequenceNode sequence) {
                result = sequence(sequence, line);
            } else {
                result = mapping((MappingNode) node, line);
            }
            inProgress.remove(node);
            converted.put(node, result);
            return result;
        }

        private YamlNode scalar(ScalarNode node, int line) {
            Tag tag = node.getTag();
            if (!SCALAR_TAGS.contains(tag)) {
                problems.add(line, "uses the tag " + shown(tag) + "; only plain YAML values are read");
                return new YamlNode.Scalar(line, node.getValue());
            }
            Object value;
            try {
                value = scalars.construct(node);
            } catch (RuntimeException e) {
                problems.add(line, "'" + node.getValue() + "' is not a valid " + shown(tag));
                return new YamlNode.Scalar(line, node.getValue());
            }
            if (value instanceof Integer integer) {
                value = integer.longValue();
            } else if (value instanceof Float number) {
                value = number.doubleValue();
            } else if (!(value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                    || value instanceof BigInteger || value instanceof Double)) {
                value = node.getValue(); // timestamps and binary stay as written
            }
            return new YamlNode.Scalar(line, value);
        }

        private YamlNode sequence(SequenceNode node, int line) {
            if (!Tag.SEQ.equals(node.getTag())) {
                problems.add(line, "uses the tag " + shown(node.getTag()) + "; only plain YAML lists are read");
            }
            List<YamlNode> items = new ArrayList<>();
            for (Node item : node.getValue()) {
                items.add(convert(item));
            }
            return new YamlNode.Sequence(line, items);
        }

        private YamlNode mapping(MappingNode node, int line) {
            if (!Tag.MAP.equals(node.getTag())) {
                problems.add(line, "uses the tag " + shown(node.getTag()) + "; only plain YAML mappings are read");
            }
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            List<YamlNode.Mapping> merged = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                int keyLine = keyNode.getStartMark().getLine() + 1;
                if (keyNode instanceof ScalarNode key && Tag.MERGE.equals(key.getTag())) {
                    merge(convert(tuple.getValueNode()), keyLine, merged);
                    continue;
                }
                if (!(keyNode instanceof ScalarNode key)) {
                    problems.add(keyLine, "a key must be a plain value, not " + (keyNode instanceof MappingNode ? "a mapping" : "a list"));
                    continue;
                }
                YamlNode value = convert(tuple.getValueNode());
                YamlNode.Entry first = entries.putIfAbsent(key.getValue(), new YamlNode.Entry(key.getValue(), keyLine, value));
                if (first != null) {
                    problems.add(keyLine, "duplicate key '" + key.getValue() + "' (first at line " + first.keyLine() + ")");
                }
            }
            // YAML merge keys: explicit keys win, then the merged mappings in the order given.
            for (YamlNode.Mapping source : merged) {
                source.entries().forEach(entries::putIfAbsent);
            }
            return new YamlNode.Mapping(line, entries);
        }

        private void merge(YamlNode value, int line, List<YamlNode.Mapping> merged) {
            if (value instanceof YamlNode.Mapping mapping) {
                merged.add(mapping);
                return;
            }
            if (value instanceof YamlNode.Sequence sequence
                    && sequence.items().stream().allMatch(YamlNode.Mapping.class::isInstance)) {
                sequence.items().forEach(item -> merged.add((YamlNode.Mapping) item));
                return;
            }
            problems.add(line, "a merge key (<<) must be given a mapping or a list of mappings, not " + value.describe());
        }

        /** Values and depth of the tree with every alias expanded, counted once per shared node. */
        Measure measure(YamlNode node) {
            Measure known = measures.get(node);
            if (known != null) {
                return known;
            }
            long values = 1;
            int depth = 0;
            List<YamlNode> children = List.of();
            if (node instanceof YamlNode.Mapping mapping) {
                children = mapping.entries().values().stream().map(YamlNode.Entry::value).toList();
            } else if (node instanceof YamlNode.Sequence sequence) {
                children = sequence.items();
            }
            for (YamlNode child : children) {
                Measure measure = measure(child);
                values = Math.min(Long.MAX_VALUE / 2, values + measure.values());
                depth = Math.max(depth, measure.depth());
            }
            Measure measure = new Measure(values, depth + 1);
            measures.put(node, measure);
            return measure;
        }

        private static String shown(Tag tag) {
            String value = tag.getValue();
            return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
        }
    }

    /** SnakeYAML's safe scalar rules (YAML 1.1 ints, floats, booleans, nulls), one scalar at a time. */
    private static final class Scalars extends SafeConstructor {

        Scalars(LoaderOptions options) {
            super(options);
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }
}
