package io.telltale.dashboard.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's users, in {@code DATA/users.json} (readable by its owner only, replaced
 * atomically): name, role, Argon2id hash, when made. Names are 1–64 letters, digits, {@code . _ -}.
 */
public final class UserStore {

    /** A user as stored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(String name, String role, String password, String created) {
        public Role roleValue() {
            return Role.parse(role);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final PasswordHasher hasher;

    public UserStore(Path dataDir, PasswordHasher hasher) {
        this.file = dataDir.resolve("users.json");
        this.hasher = hasher;
    }

    public Path file() {
        return file;
    }

    public List<User> users() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<User>>() { });
        } catch (IOException e) {
            throw new IOException(file + " is unreadable (" + e.getMessage() + "); restore it or remove it and add the users again", e);
        }
    }

    public Optional<User> find(String name) throws IOException {
        return users().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** Adds a user, or replaces one of that name. */
    public void put(String name, Role role, char[] password) throws IOException {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a user name is 1-64 letters, digits, '.', '_' or '-': " + name);
        }
        if (password.length < 12) {
            throw new IllegalArgumentException("a password has at least 12 characters");
        }
        List<User> users = new ArrayList<>(users());
        users.removeIf(u -> u.name().equals(name));
        users.add(new User(name, role.text(), hasher.hash(password), Instant.now().toString()));
        write(users);
    }

    public boolean remove(String name) throws IOException {
        List<User> users = new ArrayList<>(users());
        boolean removed = users.removeIf(u -> u.name().equals(name));
        if (removed) {
            write(users);
        }
        return removed;
    }

    /** The user, when the name exists and the password is its own. */
    public Optional<User> authenticate(String name, char[] password) throws IOException {
        Optional<User> user = find(name);
        if (user.isEmpty()) {
            hasher.hash(password); // the same work either way: timing does not tell which names exist
            return Optional.empty();
        }
        return hasher.verify(password, user.get().password()) ? user : Optional.empty();
    }

    private void write(List<User> users) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("users.json.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(tmp.toFile(), users);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
