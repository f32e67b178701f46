package io.aerolog.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which info commands need which permission, as Aerospike's info table says, and where a truncation is checked. */
class InfoPermissionsTest {

    @Test
    void aCommandIsNamedUpToItsFirstSeparator() {
        assertThat(InfoPermissions.name("truncate:namespace=test;set=s")).isEqualTo("truncate");
        assertThat(InfoPermissions.name("namespace/test")).isEqualTo("namespace");
        assertThat(InfoPermissions.name("sets;x")).isEqualTo("sets");
        assertThat(InfoPermissions.name("node")).isEqualTo("node");
    }

    @Test
    void commandsThatChangeTheNodeNeedAerospikesPermission() {
        assertThat(InfoPermissions.required("set-config:context=service;proto-fd-max=10"))
                .isEqualTo(Permission.SET_CONFIG);
        assertThat(InfoPermissions.required("config-set:context=service")).isEqualTo(Permission.SET_CONFIG);
        assertThat(InfoPermissions.required("truncate-namespace:namespace=test")).isEqualTo(Permission.TRUNCATE);
        assertThat(InfoPermissions.required("sindex-create:ns=test;indexname=i")).isEqualTo(Permission.SINDEX_ADMIN);
        assertThat(InfoPermissions.required("udf-put:filename=a.lua")).isEqualTo(Permission.UDF_ADMIN);
        assertThat(InfoPermissions.required("log-set:id=0;info=debug")).isEqualTo(Permission.LOGGING_CTRL);
        assertThat(InfoPermissions.required("recluster:")).isEqualTo(Permission.SERVICE_CTRL);
        for (String open : List.of("node", "namespaces", "namespace/test", "sets", "get-config:context=service",
                "peers-clear-std", "replicas", "sindex-list", "udf-list", "udf-get:filename=a.lua")) {
            assertThat(InfoPermissions.required(open)).as(open).isNull();
        }
    }

    @Test
    void refusalsNameThePermissionAsTheServerDoes() {
        assertThat(InfoPermissions.display(Permission.SET_CONFIG)).isEqualTo("set-config");
        assertThat(InfoPermissions.display(Permission.SINDEX_ADMIN)).isEqualTo("sindex-admin");
        assertThat(InfoPermissions.display(Permission.TRUNCATE)).isEqualTo("truncate");
    }

    @Test
    void aTruncationIsCheckedInTheNamespaceAndSetItNames() {
        String line = "truncate:namespace=test;set=orders;lut=0";
        assertThat(InfoPermissions.parameter(line, "namespace")).isEqualTo("test");
        assertThat(InfoPermissions.parameter(line, "set")).isEqualTo("orders");
        assertThat(InfoPermissions.parameter(line, "ns")).isNull();
        assertThat(InfoPermissions.parameter("truncate", "namespace")).isNull();
        assertThat(InfoPermissions.parameter("truncate:namespace=;set=s", "namespace")).isNull();

        Grants orders = new Grants(List.of(new Privilege(PrivilegeCode.TRUNCATE, "test", "orders")));
        long truncate = Permission.TRUNCATE.bit();
        assertThat(orders.allows(truncate, "test", "orders")).isTrue();
        assertThat(orders.allows(truncate, "test", "users")).isFalse();
        assertThat(orders.allows(truncate, "test", null)).as("the whole namespace").isFalse();
        assertThat(orders.allows(truncate, null, null)).isFalse();
        assertThat(new Grants(List.of(Privilege.global(PrivilegeCode.DATA_ADMIN))).allows(truncate, "test", null))
                .isTrue();
    }
}
