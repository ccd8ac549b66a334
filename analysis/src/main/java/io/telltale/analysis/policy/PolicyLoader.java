package io.telltale.analysis.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a policy file. Every mistake is reported with file, line and column and what was wrong (an
 * unknown key, a bad address block, a declaration naming a group that does not exist), so an
 * operator fixes it at once; a policy with a mistake is not loaded at all.
 */
public final class PolicyLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // "groups: {scanners: }" or "cidr: [~]": an empty entry is an error at its line, not a null inside
            .setDefaultSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forContentNulls(
                    com.fasterxml.jackson.annotation.Nulls.FAIL));

    /** A policy file that cannot be used, with where and why. */
    public static final class PolicyException extends Exception {
        public PolicyException(String message) {
            super(message);
        }
    }

    private PolicyLoader() {
    }

    public static Policy load(Path file) throws PolicyException {
        List<String> notes = new ArrayList<>();
        Policy policy = new Policy(read(file, notes::add));
        notes.forEach(policy::note);
        return policy;
    }

    /** Reads a policy file again, for {@link Policy#replace}. */
    public static PolicyDocument read(Path file) throws PolicyException {
        return read(file, note -> { });
    }

    static PolicyDocument read(Path file, Consumer<String> notes) throws PolicyException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read: " + e.getMessage());
        }
        return parseDocument(file.toString(), text, notes);
    }

    public static Policy parse(String name, String yaml) throws PolicyException {
        List<String> notes = new ArrayList<>();
        Policy policy = new Policy(parseDocument(name, yaml, notes::add));
        notes.forEach(policy::note);
        return policy;
    }

    public static PolicyDocument parseDocument(String name, String yaml) throws PolicyException {
        return parseDocument(name, yaml, note -> { });
    }

    /**
     * @param name the file's path: MUD files named by groups are found relative to it
     * @param notes told of what a MUD file says that cannot be honoured
     */
    public static PolicyDocument parseDocument(String name, String yaml, Consumer<String> notes) throws PolicyException {
        PolicyDocument document;
        try {
            document = YAML.readValue(yaml, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String why = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new PolicyException(where + ": " + why);
        }
        if (document == null) {
            throw new PolicyException(name + ": the file is empty");
        }
        List<PolicyDocument.Declaration> fromMud = new ArrayList<>();
        for (var group : document.groups().entrySet()) {
            if (group.getValue().mud() != null) {
                Path base = Path.of(name).toAbsolutePath().getParent();
                Path mud = base == null ? Path.of(group.getValue().mud()) : base.resolve(group.getValue().mud());
                fromMud.addAll(MudImporter.read(mud, group.getKey(), notes));
            }
        }
        if (!fromMud.isEmpty()) {
            document = document.withDeclarations(fromMud);
        }
        for (PolicyDocument.Declaration d : document.allDeclarations()) {
            for (String w : concat(d)) {
                if (!document.groups().containsKey(w) && !Policy.isName(w)) {
                    try {
                        Cidr.parse(w);
                    } catch (IllegalArgumentException notACidr) {
                        throw new PolicyException(name + ": declaration " + (d.id() == null ? "" : "\"" + d.id() + "\" ")
                                + "names \"" + w + "\", which is neither a group of this policy, an address block nor a DNS name");
                    }
                }
            }
        }
        return document;
    }

    private static java.util.List<String> concat(PolicyDocument.Declaration d) {
        java.util.List<String> all = new java.util.ArrayList<>(d.from());
        all.addAll(d.to());
        return all;
    }
}
