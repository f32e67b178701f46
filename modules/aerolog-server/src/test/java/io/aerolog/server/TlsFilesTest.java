package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.config.Settings;
import io.aerolog.server.security.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS files as an operator has them: PEM chains and PKCS#8 keys load; a key in another form says how to convert it. */
class TlsFilesTest {

    @Test
    void pemChainsAndPkcs8KeysLoad(@TempDir Path dir) throws Exception {
        TestCerts certs = TestCerts.make(dir);
        NodeConfig c = new NodeConfig();
        c.aerospike.tls = new NodeConfig.TlsFiles();
        c.aerospike.tls.certFile = certs.nodeCert.toString();
        c.aerospike.tls.keyFile = certs.nodeKey.toString();
        c.aerospike.tls.caFile = certs.caFile.toString();
        c.aerospike.tls.clientAuth = "Required";
        c.aerospike.tls.name = TestCerts.TLS_NAME;
        Settings s = c.validate();
        assertThat(s.wire().tls().clientAuth()).isEqualTo(Tls.ClientAuth.REQUIRED);
        assertThat(s.wire().tls().name()).isEqualTo(TestCerts.TLS_NAME);
        assertThat(s.wire().tls().context().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void aKeyThatIsNotPkcs8SaysHowToConvertIt(@TempDir Path dir) throws Exception {
        TestCerts certs = TestCerts.make(dir);
        Path pkcs1 = dir.resolve("pkcs1.key");
        Files.writeString(pkcs1, Files.readString(certs.nodeKey).replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
                .replace("END PRIVATE KEY", "END RSA PRIVATE KEY"));
        Tls tls = new Tls(certs.nodeCert, pkcs1, null, Tls.ClientAuth.NONE, null);
        assertThatThrownBy(tls::keyManagers).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        Tls noKey = new Tls(certs.nodeCert, certs.caFile, null, Tls.ClientAuth.NONE, null);
        assertThatThrownBy(noKey::keyManagers).hasMessageContaining("no PEM private key");
        Tls noCert = new Tls(certs.nodeKey, certs.nodeKey, null, Tls.ClientAuth.NONE, null);
        assertThatThrownBy(noCert::keyManagers).isInstanceOf(IllegalArgumentException.class);
    }
}
