package io.telltale.analysis.index;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the flow index within its age and disk limits by deleting whole day partitions, oldest first.
 * Age counts back from the newest day indexed (live, that is today; reading old captures, their last
 * day), so reading last spring's capture does not delete it at once. The newest partition and the
 * ones being written are never deleted.
 *
 * @param maxAgeDays days kept before the newest one (0: no age limit)
 * @param maxBytes disk the partitions may use together (0: no limit)
 */
public record IndexRetention(int maxAgeDays, long maxBytes) {

    public static final IndexRetention NONE = new IndexRetention(0, 0);

    public IndexRetention {
        if (maxAgeDays < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("retention limits are 0 (none) or positive");
        }
    }

    public boolean none() {
        return maxAgeDays == 0 && maxBytes == 0;
    }

    /** The first day an age limit keeps, given the newest day; null without an age limit. */
    public LocalDate oldestKept(LocalDate newest) {
        return maxAgeDays == 0 ? null : newest.minusDays(maxAgeDays);
    }

    /**
     * Deletes what is beyond the limits.
     *
     * @param open days being written (never deleted)
     * @return what was deleted and why, one line each
     */
    public List<String> apply(IndexLayout layout, Set<LocalDate> open) throws IOException {
        List<String> deleted = new ArrayList<>();
        if (none()) {
            return deleted;
        }
        List<LocalDate> days = new ArrayList<>(layout.partitions());
        if (days.isEmpty()) {
            return deleted;
        }
        LocalDate newest = days.getLast();
        LocalDate oldestKept = oldestKept(newest);
        List<LocalDate> deletable = new ArrayList<>();
        for (LocalDate day : days) {
            if (!day.equals(newest) && !open.contains(day)) {
                deletable.add(day);
            }
        }
        for (LocalDate day : new ArrayList<>(deletable)) {
            if (oldestKept != null && day.isBefore(oldestKept)) {
                long bytes = size(layout.partition(day));
                delete(layout.partition(day));
                deletable.remove(day);
                deleted.add("index day " + day + " deleted (older than " + maxAgeDays + " days before " + newest + "; "
                        + bytes + " bytes)");
            }
        }
        if (maxBytes > 0) {
            long total = size(layout.flows());
            while (total > maxBytes && !deletable.isEmpty()) {
                LocalDate day = deletable.removeFirst();
                long bytes = size(layout.partition(day));
                delete(layout.partition(day));
                total -= bytes;
                deleted.add("index day " + day + " deleted (index over its quota of " + maxBytes + " bytes; " + bytes + " bytes)");
            }
        }
        return deleted;
    }

    static long size(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // removed while we looked (a merge)
                }
            }).sum();
        }
    }

    private static void delete(Path directory) throws IOException {
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
