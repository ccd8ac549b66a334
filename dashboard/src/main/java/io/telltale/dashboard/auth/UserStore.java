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
    public record User(String name, String role, String password, String created, List<String> tokens) {
        public User {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }

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
        List<String> tokens = users.stream().filter(u -> u.name().equals(name)).findFirst().map(User::tokens).orElse(List.of());
        users.removeIf(u -> u.name().equals(name));
        users.add(new User(name, role.text(), hasher.hash(password), Instant.now().toString(), tokens));
        write(users);
    }

    /**
     * A new API token for the user, for scripts ({@code Authorization: Bearer …}): shown once, kept
     * only as its SHA-256 (a token is 256 random bits: a fast hash is enough, and lets every request
     * be checked in microseconds).
     */
    public String newToken(String name) throws IOException {
        List<User> users = new ArrayList<>(users());
        User user = users.stream().filter(u -> u.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + name));
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String token = "tt_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        List<String> tokens = new ArrayList<>(user.tokens());
        tokens.add(sha256(token));
        users.set(users.indexOf(user), new User(user.name(), user.role(), user.password(), user.created(), tokens));
        write(users);
        return token;
    }

    /** The user an API token belongs to. */
    public Optional<User> authenticateToken(String token) throws IOException {
        if (token == null || !token.startsWith("tt_")) {
            return Optional.empty();
        }
        String hash = sha256(token);
        for (User u : users()) {
            for (String t : u.tokens()) {
                if (java.security.MessageDigest.isEqual(t.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                    return Optional.of(u);
                }
            }
        }
        return Optional.empty();
    }

    private static String sha256(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
