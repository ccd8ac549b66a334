package io.telltale.capture.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Names of the store's files: {@code 000000000042.pcap} for file id 42; ids only grow. */
public final class StoreFiles {

    public static final String MANIFEST = "manifest.jsonl";

    private StoreFiles() {
    }

    public static String name(long fileId) {
        return String.format("%012d.pcap", fileId);
    }

    public static Path path(Path directory, long fileId) {
        return directory.resolve(name(fileId));
    }

    /** The id in a store file's name, or -1 when the name is not one. */
    public static long id(Path file) {
        String name = file.getFileName().toString();
        if (!name.matches("\\d{12}\\.pcap")) {
            return -1;
        }
        return Long.parseLong(name.substring(0, 12));
    }

    /** The ids of the files present, oldest first. */
    public static List<Long> ids(Path directory) throws IOException {
        List<Long> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.mapToLong(StoreFiles::id).filter(id -> id >= 0).forEach(ids::add);
        }
        ids.sort(null);
        return ids;
    }
}
