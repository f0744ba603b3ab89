package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboundAddressesTest {

    @Test
    void internalAddressesAreNotPublic() throws UnknownHostException {
        for (String address : new String[] {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                "169.254.169.254", "0.0.0.0", "100.64.0.1", "255.255.255.255", "224.0.0.1", "::1", "::",
                "fe80::1", "fd00::1", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::127.0.0.1",
                "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "198.18.0.1"}) {
            assertFalse(OutboundAddresses.isPublic(InetAddress.getByName(address)), address);
        }
        for (String address : new String[] {"1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "93.184.216.34"}) {
            assertTrue(OutboundAddresses.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void theAllowListNamesHostsAddressesAndNetworks() {
        OutboundAddresses allowed = new OutboundAddresses(Optional.of("localhost, 10.1.0.0/16 ,fd00::/8"));
        assertEquals(1, allowed.check(URI.create("http://10.1.2.3/x")).size());
        assertFalse(allowed.check(URI.create("http://localhost:8080/x")).isEmpty());
        allowed.check(URI.create("https://[fd00::5]/x"));
        assertThrows(OutboundAddresses.RefusedAddress.class, () -> allowed.check(URI.create("http://10.2.0.1/x")));
        assertThrows(OutboundAddresses.RefusedAddress.class, () -> allowed.check(URI.create("http://127.0.0.1/x")));
        assertThrows(OutboundAddresses.RefusedAddress.class, () -> allowed.check(URI.create("file:///etc/passwd")));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> new OutboundAddresses(Optional.of("10.0.0.0/99")));
        assertTrue(typo.getMessage().startsWith(OutboundAddresses.ALLOWLIST), typo.getMessage());
    }
}
