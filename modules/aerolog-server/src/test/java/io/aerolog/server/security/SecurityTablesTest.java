package io.aerolog.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The security topic's records fold into users and roles as every node reads them: grants and privileges
 * count only for the incarnation of the user and role they were made for, tombstones drop, and a record a
 * node cannot read is skipped and counted.
 */
class SecurityTablesTest {
    private final SecurityTables tables = new SecurityTables();

    private void apply(SecurityRecords.Entry... entries) {
        for (SecurityRecords.Entry e : entries) {
            assertThat(tables.apply(e.key(), e.value())).as(e.key()).isTrue();
        }
    }

    @Test
    void usersHaveTheirRolesInNameOrder() {
        apply(SecurityRecords.user("ada", "u1", "h1"), SecurityRecords.grant("ada", "u1", "write", ""),
                SecurityRecords.grant("ada", "u1", "read", ""), SecurityRecords.role("clerk", "r1"),
                SecurityRecords.grant("ada", "u1", "clerk", "r1"),
                SecurityRecords.privilege("clerk", "r1", new Privilege(PrivilegeCode.READ, "test", "users")));
        SecurityState s = tables.snapshot();
        assertThat(s.user("ada").roles()).containsExactly("clerk", "read", "write");
        assertThat(s.user("ada").passwordHash()).isEqualTo("h1");
        assertThat(s.role("clerk").privileges()).containsExactly(new Privilege(PrivilegeCode.READ, "test", "users"));
        assertThat(s.role("read").predefined()).isTrue();
        assertThat(s.roles()).hasSize(PrivilegeCode.values().length + 1);
        assertThat(s.customRoleCount()).isEqualTo(1);
    }

    @Test
    void grantsOfAnEarlierIncarnationDoNotComeBack() {
        apply(SecurityRecords.user("ada", "u1", "h1"), SecurityRecords.grant("ada", "u1", "read-write", ""),
                SecurityRecords.role("clerk", "r1"), SecurityRecords.grant("ada", "u1", "clerk", "r1"),
                SecurityRecords.privilege("clerk", "r1", Privilege.global(PrivilegeCode.READ)));
        // the user is dropped (a grant made meanwhile on another node survives the drop), then made again
        apply(SecurityRecords.dropUser("ada"), SecurityRecords.user("ada", "u2", "h2"));
        assertThat(tables.snapshot().user("ada").roles()).isEmpty();
        // the role is dropped and made again: neither its old privilege nor the old grant counts
        apply(SecurityRecords.grant("ada", "u2", "clerk", "r1"), SecurityRecords.dropRole("clerk"),
                SecurityRecords.role("clerk", "r2"));
        SecurityState s = tables.snapshot();
        assertThat(s.user("ada").roles()).isEmpty();
        assertThat(s.role("clerk").privileges()).isEmpty();
        assertThat(s.grants("ada").allows(Permission.READ.bit(), "test", "")).isFalse();
        apply(SecurityRecords.grant("ada", "u2", "clerk", "r2"),
                SecurityRecords.privilege("clerk", "r2", Privilege.global(PrivilegeCode.READ)));
        assertThat(tables.snapshot().grants("ada").allows(Permission.READ.bit(), "test", "")).isTrue();
    }

    @Test
    void tombstonesDropGrantsPrivilegesAndUsers() {
        Privilege p = new Privilege(PrivilegeCode.WRITE, "test", "");
        apply(SecurityRecords.user("ada", "u1", "h1"), SecurityRecords.grant("ada", "u1", "read", ""),
                SecurityRecords.role("clerk", "r1"), SecurityRecords.privilege("clerk", "r1", p));
        apply(SecurityRecords.revoke("ada", "read"), SecurityRecords.revokePrivilege("clerk", p));
        SecurityState s = tables.snapshot();
        assertThat(s.user("ada").roles()).isEmpty();
        assertThat(s.role("clerk").privileges()).isEmpty();
        apply(SecurityRecords.dropUser("ada"));
        assertThat(tables.snapshot().user("ada")).isNull();
        assertThat(tables.snapshot().grants("ada").allows(Permission.READ.bit(), "test", "")).isFalse();
    }

    @Test
    void aSecretAndNamesOfAnyCharacters() {
        String odd = "!#Q#AEQ@#$%&^*((^&*~~~````[[\",]";
        apply(SecurityRecords.secret(new byte[] {1, 2, 3}), SecurityRecords.user(odd, "u", "h"),
                SecurityRecords.grant(odd, "u", "read", ""));
        SecurityState s = tables.snapshot();
        assertThat(s.secret()).containsExactly(1, 2, 3);
        assertThat(s.user(odd).roles()).containsExactly("read");
        assertThat(s.users()).extracting(User::name).containsExactly(odd);
    }

    @Test
    void recordsItCannotReadAreSkippedAndCounted() {
        assertThat(tables.apply("not json", null)).isFalse();
        assertThat(tables.apply("[\"user\",\"ada\"]", "{\"id\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(tables.apply("[\"spaceship\"]", "{}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(tables.apply("[\"privilege\",\"r\",\"64\",\"\",\"\"]", "{\"role\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(tables.apply(SecurityRecords.user("ada", "u", "h").key(), "[1]".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(tables.unreadable()).isEqualTo(5);
        assertThat(tables.snapshot().users()).isEmpty();
        assertThat(List.of(tables.snapshot().userCount())).containsExactly(0);
    }
}
