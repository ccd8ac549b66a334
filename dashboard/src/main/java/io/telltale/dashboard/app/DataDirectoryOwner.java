package io.telltale.dashboard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;

/**
 * Hands the data directory to the user capture drops to: the index and the packet store go on creating
 * files there after root is gone. Done by the process as root, before the drop, over everything in it.
 */
final class DataDirectoryOwner {

    private DataDirectoryOwner() {
    }

    static void give(Path directory, String user) {
        try {
            UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.toList()) {
                    Files.setOwner(path, owner);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + directory + " to " + user + ": " + e.getMessage(), e);
        }
    }
}
