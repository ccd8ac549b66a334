package io.telltale.analysis.field;

import io.telltale.analysis.dissect.ProtocolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All fields of all protocols, by name. Built once; refuses duplicates and misplaced names. */
public final class FieldCatalog {

    private final Map<String, FieldSpec> byName;

    private FieldCatalog(Map<String, FieldSpec> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static FieldCatalog of(List<ProtocolSpec> protocols) {
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        for (ProtocolSpec protocol : protocols) {
            for (FieldSpec field : protocol.fields()) {
                if (!field.protocol().equals(protocol.name())) {
                    throw new IllegalArgumentException("field " + field.name() + " is declared by protocol " + protocol.name());
                }
                if (byName.putIfAbsent(field.name(), field) != null) {
                    throw new IllegalArgumentException("field declared twice: " + field.name());
                }
            }
        }
        return new FieldCatalog(byName);
    }

    public FieldSpec field(String name) {
        FieldSpec spec = byName.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no such field: " + name);
        }
        return spec;
    }

    public List<FieldSpec> fields() {
        return new ArrayList<>(byName.values());
    }
}
