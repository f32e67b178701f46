package io.aerolog.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aerospike's privileges: their codes, scopes, and what a user's roles allow where. */
class PrivilegesTest {
    private static final long READ = Permission.READ.bit();
    private static final long WRITE = Permission.WRITE.bit();

    @Test
    void codesAndNamesAreAerospikes() {
        for (com.aerospike.client.admin.PrivilegeCode theirs : com.aerospike.client.admin.PrivilegeCode.values()) {
            PrivilegeCode ours = PrivilegeCode.of(theirs.id);
            assertThat(ours).as(theirs.name()).isNotNull();
            assertThat(ours.name()).isEqualTo(theirs.name());
            assertThat(ours.roleName()).isEqualTo(theirs.toString());
            assertThat(ours.scopable()).isEqualTo(theirs.canScope());
        }
        assertThat(PrivilegeCode.values()).hasSize(com.aerospike.client.admin.PrivilegeCode.values().length);
        assertThat(PrivilegeCode.of(64)).isNull();
    }

    @Test
    void whatEachDataPrivilegeGrants() {
        assertThat(allows(PrivilegeCode.READ, READ)).isTrue();
        assertThat(allows(PrivilegeCode.READ, WRITE)).isFalse();
        assertThat(allows(PrivilegeCode.WRITE, WRITE)).isTrue();
        assertThat(allows(PrivilegeCode.WRITE, READ)).isFalse();
        assertThat(allows(PrivilegeCode.WRITE, READ | WRITE)).isFalse();
        assertThat(allows(PrivilegeCode.READ_WRITE, READ | WRITE)).isTrue();
        assertThat(allows(PrivilegeCode.READ_WRITE, Permission.UDF_APPLY.bit())).isFalse();
        assertThat(allows(PrivilegeCode.READ_WRITE_UDF, READ | WRITE | Permission.UDF_APPLY.bit())).isTrue();
        assertThat(allows(PrivilegeCode.SYS_ADMIN, READ)).isFalse();
        assertThat(allows(PrivilegeCode.SYS_ADMIN, Permission.USER_ADMIN.bit())).isFalse();
        assertThat(allows(PrivilegeCode.USER_ADMIN, Permission.USER_ADMIN.bit())).isTrue();
        assertThat(allows(PrivilegeCode.USER_ADMIN, READ)).isFalse();
        assertThat(allows(PrivilegeCode.DATA_ADMIN, Permission.TRUNCATE.bit())).isTrue();
        assertThat(allows(PrivilegeCode.TRUNCATE, Permission.TRUNCATE.bit() | READ)).isFalse();
    }

    private static boolean allows(PrivilegeCode code, long needed) {
        return new Grants(List.of(Privilege.global(code))).allows(needed, "test", "users");
    }

    @Test
    void scopesNarrowToANamespaceAndASet() {
        Grants g = new Grants(List.of(new Privilege(PrivilegeCode.READ, "test", ""),
                new Privilege(PrivilegeCode.WRITE, "test", "users")));
        assertThat(g.allows(READ, "test", "users")).isTrue();
        assertThat(g.allows(READ, "test", "")).isTrue();
        assertThat(g.allows(READ, "test", null)).isTrue();
        assertThat(g.allows(READ, "other", "users")).isFalse();
        assertThat(g.allows(READ | WRITE, "test", "users")).as("read from the namespace, write from the set").isTrue();
        assertThat(g.allows(WRITE, "test", "orders")).isFalse();
        assertThat(g.allows(WRITE, "test", null)).as("a set privilege does not cover the null set").isFalse();
        assertThat(g.allows(WRITE, "other", "users")).isFalse();
        assertThat(g.allowsGlobally(READ)).isFalse();
        assertThat(Grants.NONE.allows(READ, "test", "users")).isFalse();
    }

    @Test
    void globalPrivilegesCannotBeScopedAndSetsNeedTheirNamespace() {
        assertThatThrownBy(() -> new Privilege(PrivilegeCode.USER_ADMIN, "test", ""))
                .isInstanceOfSatisfying(AerologException.class, e ->
                        assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_PRIVILEGE));
        assertThatThrownBy(() -> new Privilege(PrivilegeCode.READ, "", "users"))
                .isInstanceOfSatisfying(AerologException.class, e ->
                        assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_PRIVILEGE));
        assertThatThrownBy(() -> new Privilege(PrivilegeCode.READ, "n".repeat(64), ""))
                .isInstanceOf(AerologException.class);
        assertThat(new Privilege(PrivilegeCode.READ, "test", "users")).hasToString("read.test.users");
    }
}
