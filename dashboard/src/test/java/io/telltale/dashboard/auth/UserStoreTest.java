package io.telltale.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords hashed as the reference Argon2 does, users kept privately, wrong passwords and names refused. */
class UserStoreTest {

    @TempDir
    Path dir;

    @Test
    void aHashFromTheReferenceArgon2VerifiesAndOursRoundTrips() {
        // made by the reference implementation (Debian's argon2 CLI):
        // echo -n "correct horse battery" | argon2 saltsaltsaltsalt -id -t 3 -m 16 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$wgf0snOkDG2v9OTglUkCnfKB4az55YF6iShNano0Uwk";
        PasswordHasher hasher = new PasswordHasher();
        assertThat(hasher.verify("correct horse battery".toCharArray(), reference)).isTrue();
        assertThat(hasher.verify("correct horse batterY".toCharArray(), reference)).isFalse();
        String ours = hasher.hash("another long password".toCharArray());
        assertThat(ours).startsWith("$argon2id$v=19$m=65536,t=3,p=1$");
        assertThat(hasher.verify("another long password".toCharArray(), ours)).isTrue();
        assertThat(hasher.hash("another long password".toCharArray())).as("a fresh salt each time").isNotEqualTo(ours);
        assertThat(hasher.verify("x".toCharArray(), "not a hash")).isFalse();
    }

    @Test
    void usersAreKeptPrivatelyAndAuthenticated() throws Exception {
        UserStore store = new UserStore(dir, new PasswordHasher(1024, 1)); // cheap parameters: the format is what is tested
        store.put("alice", Role.ANALYST, "correct horse battery".toCharArray());
        store.put("bob", Role.VIEWER, "another long password".toCharArray());
        store.put("bob", Role.ADMIN, "a third long password".toCharArray());
        assertThat(store.users()).extracting(UserStore.User::name).containsExactly("alice", "bob");
        assertThat(store.authenticate("bob", "a third long password".toCharArray())).get()
                .extracting(UserStore.User::roleValue).isEqualTo(Role.ADMIN);
        assertThat(store.authenticate("bob", "another long password".toCharArray())).as("the old password is gone").isEmpty();
        assertThat(store.authenticate("carol", "correct horse battery".toCharArray())).isEmpty();
        assertThat(Files.readString(store.file())).doesNotContain("correct horse battery");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThatThrownBy(() -> store.put("eve", Role.ADMIN, "short".toCharArray())).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> store.put("<script>", Role.ADMIN, "long enough password".toCharArray())).hasMessageContaining("user name");
        assertThat(store.remove("alice")).isTrue();
        assertThat(store.remove("alice")).isFalse();
        assertThat(Role.ADMIN.includes(Role.ANALYST)).isTrue();
        assertThat(Role.VIEWER.includes(Role.ANALYST)).isFalse();
    }
}
