package io.aerolog.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.admin.AdminCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Passwords hash as Aerospike's clients hash them, and are stored only as a salted bcrypt of that hash. */
class PasswordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "admin", "pässwörd ✓", "71-bytes-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "72-bytes-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "a long one: past bcrypt's 72 bytes the password no longer counts, as in jBCrypt xxxxxxxxxxxxxxxxxx"})
    void clientHashIsTheOneAerospikesJavaClientSends(String password) {
        String ours = Passwords.clientHash(password);
        assertThat(ours).isEqualTo(AdminCommand.hashPassword(password));
        assertThat(Passwords.isClientHash(ours)).isTrue();
    }

    @Test
    void onlyHashesUnderTheClientsSaltAreCredentials() {
        String hash = AdminCommand.hashPassword("secret");
        assertThat(Passwords.isClientHash(hash.substring(0, 59))).isFalse();
        assertThat(Passwords.isClientHash("secret")).isFalse();
        assertThat(Passwords.isClientHash(null)).isFalse();
        assertThat(Passwords.isClientHash("$2a$10$AAAAAAAAAAAAAAAAAAAAAA" + hash.substring(29))).isFalse();
        assertThat(Passwords.isClientHash(hash.substring(0, 59) + "!")).isFalse();
    }

    @Test
    void storedHashIsSaltedAndVerifiesOnlyItsPassword() {
        Passwords passwords = new Passwords(4);
        String hash = Passwords.clientHash("secret");
        String stored = passwords.store(hash);
        String again = passwords.store(hash);
        assertThat(stored).startsWith("$2a$04$").isNotEqualTo(again).doesNotContain(hash.substring(29));
        assertThat(Passwords.matches(hash, stored)).isTrue();
        assertThat(Passwords.matches(hash, again)).isTrue();
        assertThat(Passwords.matches(Passwords.clientHash("Secret"), stored)).isFalse();
    }
}
