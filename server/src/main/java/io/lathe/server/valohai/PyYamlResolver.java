package io.lathe.server.valohai;

import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars the way PyYAML does, because Valohai reads {@code valohai.yaml} with PyYAML: YAML 1.1
 * booleans ({@code yes}, {@code no}, {@code on}, {@code off}), octal {@code 010}, sexagesimal {@code 1:30}, and
 * floats that must contain a dot, so {@code 1e-4} stays a string. SnakeYAML's own resolver reads {@code 1e-4} as a
 * float, which would make a file mean something else here than on Valohai.
 */
final class PyYamlResolver extends Resolver {

    static final Pattern BOOL_11 = Pattern.compile(
            "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    static final Pattern FLOAT_11 = Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN))$");
    static final Pattern INT_11 = Pattern.compile("^(?:[-+]?0b[0-1_]+"
            + "|[-+]?0[0-7_]+"
            + "|[-+]?(?:0|[1-9][0-9_]*)"
            + "|[-+]?0x[0-9a-fA-F_]+"
            + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    static final Pattern MERGE_11 = Pattern.compile("^(?:<<)$");
    static final Pattern NULL_11 = Pattern.compile("^(?:~|null|Null|NULL)$");
    static final Pattern EMPTY_11 = Pattern.compile("^$");
    static final Pattern TIMESTAMP_11 = Pattern.compile("^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
            + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
            + "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
            + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");

    @Override
    protected void addImplicitResolvers() {
        // Called from Resolver's constructor, so only static state may be used here.
        addImplicitResolver(Tag.BOOL, BOOL_11, "yYnNtTfFoO");
        addImplicitResolver(Tag.FLOAT, FLOAT_11, "-+0123456789.");
        addImplicitResolver(Tag.INT, INT_11, "-+0123456789");
        addImplicitResolver(Tag.MERGE, MERGE_11, "<");
        addImplicitResolver(Tag.NULL, NULL_11, "~nN");
        addImplicitResolver(Tag.NULL, EMPTY_11, null);
        addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP_11, "0123456789");
    }
}
