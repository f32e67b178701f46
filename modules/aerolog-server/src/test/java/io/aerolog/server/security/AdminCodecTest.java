package io.aerolog.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.admin.ClientAdminBytes;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admin command codec against Aerospike's Java client's own: the requests its AdminCommand writes
 * parse to the same command, names, roles and privileges, and the answers this node writes read back
 * through its parsers (users, roles, a login's token and TTL, refusals).
 */
class AdminCodecTest {

    private static AdminMessage parse(byte[] request) {
        ByteBuffer b = ByteBuffer.wrap(request);
        long header = b.getLong();
        assertThat(header >>> 56).isEqualTo(2);
        assertThat((header >>> 48) & 0xFF).isEqualTo(2);
        assertThat(header & 0xFFFFFFFFFFFFL).isEqualTo(request.length - 8);
        return AdminMessage.parse(Arrays.copyOfRange(request, 8, request.length));
    }

    @Test
    void createUserAsTheClientWritesIt() throws Exception {
        String hash = com.aerospike.client.admin.AdminCommand.hashPassword("pw");
        AdminMessage m = parse(ClientAdminBytes.request(AdminMessage.CREATE_USER, AdminMessage.USER, "ada",
                AdminMessage.PASSWORD, hash, AdminMessage.ROLES, List.of("read", "read-write-udf", "ünïcode role")));
        assertThat(m.command()).isEqualTo(AdminMessage.CREATE_USER);
        assertThat(m.text(AdminMessage.USER)).isEqualTo("ada");
        assertThat(m.text(AdminMessage.PASSWORD)).isEqualTo(hash);
        assertThat(m.roles()).containsExactly("read", "read-write-udf", "ünïcode role");
    }

    @Test
    void privilegesAsTheClientWritesThem() throws Exception {
        List<com.aerospike.client.admin.Privilege> theirs = new ArrayList<>();
        theirs.add(privilege(com.aerospike.client.admin.PrivilegeCode.USER_ADMIN, null, null));
        theirs.add(privilege(com.aerospike.client.admin.PrivilegeCode.READ, "test", null));
        theirs.add(privilege(com.aerospike.client.admin.PrivilegeCode.WRITE, "test", "users"));
        theirs.add(privilege(com.aerospike.client.admin.PrivilegeCode.READ_WRITE, null, null));
        AdminMessage m = parse(ClientAdminBytes.request(AdminMessage.CREATE_ROLE, AdminMessage.ROLE, "clerk",
                AdminMessage.PRIVILEGES, theirs, AdminMessage.READ_QUOTA, 0));
        assertThat(m.text(AdminMessage.ROLE)).isEqualTo("clerk");
        assertThat(m.integer(AdminMessage.READ_QUOTA, -1)).isZero();
        assertThat(m.privileges()).containsExactly(Privilege.global(PrivilegeCode.USER_ADMIN),
                new Privilege(PrivilegeCode.READ, "test", ""), new Privilege(PrivilegeCode.WRITE, "test", "users"),
                Privilege.global(PrivilegeCode.READ_WRITE));
    }

    private static com.aerospike.client.admin.Privilege privilege(com.aerospike.client.admin.PrivilegeCode code,
                                                                 String ns, String set) {
        com.aerospike.client.admin.Privilege p = new com.aerospike.client.admin.Privilege();
        p.code = code;
        p.namespace = ns;
        p.setName = set;
        return p;
    }

    @Test
    void loginAndAuthenticateAsTheClientWritesThem() throws Exception {
        String hash = com.aerospike.client.admin.AdminCommand.hashPassword("pw");
        AdminMessage login = parse(ClientAdminBytes.request(AdminMessage.LOGIN, AdminMessage.USER, "ada",
                AdminMessage.CREDENTIAL, hash.getBytes(StandardCharsets.UTF_8)));
        assertThat(login.command()).isEqualTo(AdminMessage.LOGIN);
        assertThat(login.text(AdminMessage.CREDENTIAL)).isEqualTo(hash);
        byte[] token = {1, 2, 3};
        AdminMessage auth = parse(ClientAdminBytes.request(AdminMessage.AUTHENTICATE, AdminMessage.USER, "ada",
                AdminMessage.SESSION_TOKEN, token));
        assertThat(auth.command()).isZero();
        assertThat(auth.bytes(AdminMessage.SESSION_TOKEN)).containsExactly(1, 2, 3);
    }

    @Test
    void malformedMessagesAreRefusedWithAerospikesCodes() throws Exception {
        assertRefused(new byte[15], ResultCode.INVALID_FIELD);
        byte[] scheme = new byte[16];
        scheme[0] = 1;
        assertRefused(scheme, ResultCode.SECURITY_SCHEME_NOT_SUPPORTED);
        byte[] ok = ClientAdminBytes.request(AdminMessage.DROP_USER, AdminMessage.USER, "ada");
        byte[] body = Arrays.copyOfRange(ok, 8, ok.length);
        assertRefused(Arrays.copyOf(body, body.length - 1), ResultCode.INVALID_FIELD);
        byte[] twice = ClientAdminBytes.request(AdminMessage.DROP_USER, AdminMessage.USER, "ada", AdminMessage.USER, "bob");
        assertRefused(Arrays.copyOfRange(twice, 8, twice.length), ResultCode.INVALID_FIELD);
        byte[] badPrivilege = ClientAdminBytes.request(AdminMessage.GRANT_PRIVILEGES, AdminMessage.ROLE, "r",
                AdminMessage.PRIVILEGES, new byte[] {1, 64});
        assertThatThrownBy(() -> parse(badPrivilege).privileges()).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_PRIVILEGE));
        byte[] shortRoles = ClientAdminBytes.request(AdminMessage.GRANT_ROLES, AdminMessage.USER, "ada",
                AdminMessage.ROLES, new byte[] {2, 4, 'r', 'e', 'a', 'd'});
        assertThatThrownBy(() -> parse(shortRoles).roles()).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_ROLE));
    }

    private static void assertRefused(byte[] body, ResultCode code) {
        assertThatThrownBy(() -> AdminMessage.parse(body)).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).isEqualTo(code));
    }

    @Test
    void usersReadBackThroughTheClientsParserAcrossBlocks() throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            users.add(new User("user-" + i, "id", "hash", List.of("read", "role-" + (i % 7))));
        }
        byte[] frames = AdminReplies.users(users, name -> name.equals("user-7") ? 3 : 0);
        assertThat(frames.length).isGreaterThan(2 * AdminReplies.BLOCK);
        int[] status = new int[1];
        List<com.aerospike.client.admin.User> read = ClientAdminBytes.users(frames, status);
        assertThat(status[0]).isEqualTo(AdminReplies.QUERY_END);
        assertThat(read).hasSize(12_000);
        assertThat(read.get(7).name).isEqualTo("user-7");
        assertThat(read.get(7).roles).containsExactly("read", "role-0");
        assertThat(read.get(7).connsInUse).isEqualTo(3);
        assertThat(read.get(11_999).roles).containsExactly("read", "role-" + (11_999 % 7));
    }

    @Test
    void rolesReadBackThroughTheClientsParser() throws Exception {
        Role clerk = new Role("clerk", "id", List.of(Privilege.global(PrivilegeCode.SYS_ADMIN),
                new Privilege(PrivilegeCode.READ, "test", ""), new Privilege(PrivilegeCode.WRITE, "test", "orders")), false);
        int[] status = new int[1];
        List<com.aerospike.client.admin.Role> read = ClientAdminBytes.roles(AdminReplies.roles(List.of(clerk,
                Role.predefined(PrivilegeCode.READ))), status);
        assertThat(status[0]).isEqualTo(AdminReplies.QUERY_END);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).name).isEqualTo("clerk");
        assertThat(read.get(0).privileges).extracting(p -> p.code + "." + p.namespace + "." + p.setName)
                .containsExactly("sys-admin.null.null", "read.test.", "write.test.orders");
        assertThat(read.get(0).whitelist).isEmpty();
        assertThat(read.get(0).readQuota).isZero();
        assertThat(read.get(1).privileges).extracting(p -> p.code.toString()).containsExactly("read");
    }

    @Test
    void aRefusedQueryEndsWithItsCode() throws Exception {
        int[] status = new int[1];
        assertThat(ClientAdminBytes.users(AdminReplies.result(ResultCode.INVALID_USER), status)).isEmpty();
        assertThat(status[0]).isEqualTo(60);
    }

    @Test
    void loginAnswerCarriesTokenAndTtlWhereTheClientReadsThem() {
        byte[] token = new byte[Sessions.TOKEN_BYTES];
        Arrays.fill(token, (byte) 7);
        byte[] reply = AdminReplies.login(token, 86_400);
        ByteBuffer b = ByteBuffer.wrap(reply);
        long size = b.getLong(0) & 0xFFFFFFFFFFFFL;
        assertThat(reply[9]).as("result").isZero();
        assertThat(reply[11]).as("fields").isEqualTo((byte) 2);
        int p = 24;
        assertThat(size - 16).isEqualTo(reply.length - 24);
        int len = b.getInt(p) - 1;
        assertThat(reply[p + 4]).isEqualTo((byte) AdminMessage.SESSION_TOKEN);
        assertThat(Arrays.copyOfRange(reply, p + 5, p + 5 + len)).isEqualTo(token);
        p += 5 + len;
        assertThat(reply[p + 4]).isEqualTo((byte) AdminMessage.SESSION_TTL);
        assertThat(b.getInt(p + 5)).isEqualTo(86_400);
        assertThat(AdminReplies.result(ResultCode.ROLE_VIOLATION)).hasSize(24).satisfies(r ->
                assertThat(r[9]).isEqualTo((byte) 81));
    }
}
