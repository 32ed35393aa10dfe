"""One POST to a webhook receiver, bounded and confined:

- the whole exchange, not each socket read, ends at the deadline (a receiver
  that drips its answer a byte at a time cannot hold the worker);
- the address is resolved once, checked (no private, loopback or link-local
  networks unless allowed) and connected to as checked, so that a second DNS
  answer cannot point the request inside our network; TLS still verifies the
  host name;
- redirects are not followed and the answer's body is never read."""

import contextlib
import http.client
import ipaddress
import socket
import threading
import urllib.parse


class Refused(Exception):
    """The address may not be called."""


class Unresolvable(Refused):
    """The host name has no address (the attempt fails; the form lets it be)."""


class DeadlinePassed(Exception):
    pass


def checked_address(host, port, allow_private):
    """The first address of `host` (all of them checked), or Refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise Unresolvable(f"nie można znaleźć adresu: {error}") from None
    addresses = [info[4][0] for info in infos]
    if not allow_private:
        for address in addresses:
            if not _on_the_internet(ipaddress.ip_address(address.split("%")[0])):
                raise Refused(
                    f"adres w sieci prywatnej ({address}): webhooki idą tylko do internetu"
                )
    return addresses[0]


# IPv6 ranges that carry an IPv4 address a gateway may deliver to: NAT64
# (RFC 6052), 6to4 and the old IPv4-compatible form.
_CARRYING_IPV4 = [
    ipaddress.ip_network(n) for n in ("64:ff9b::/96", "2002::/16", "::/96", "::ffff:0:0:0/96")
]


def _on_the_internet(ip):
    if not ip.is_global or ip.is_multicast:
        return False
    if ip.version == 4:
        return True
    if ip.ipv4_mapped is not None:
        return False
    for network in _CARRYING_IPV4:
        if ip in network:
            embedded = (
                ip.sixtofour
                if network.prefixlen == 16
                else ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
            )
            return embedded is not None and embedded.is_global
    return True


class _Pinned:
    def connect(self):
        sock = socket.create_connection((self.pinned_address, self.port), self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if isinstance(self, http.client.HTTPSConnection):
            sock = self._context.wrap_socket(sock, server_hostname=self.host)
        self.sock = sock


class PinnedHTTPConnection(_Pinned, http.client.HTTPConnection):
    pass


class PinnedHTTPSConnection(_Pinned, http.client.HTTPSConnection):
    pass


def post(url, body, headers, timeout, allow_private=False):
    """The receiver's HTTP status; Refused, DeadlinePassed or OSError otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("adres musi zaczynać się od https://")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port, allow_private)
    connection_class = PinnedHTTPSConnection if parts.scheme == "https" else PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, timeout=timeout)
    connection.pinned_address = address
    expired = threading.Event()

    def cut_off():
        expired.set()
        sock = connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(timeout, cut_off)
    timer.daemon = True
    timer.start()
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        connection.request("POST", path, body=body, headers=headers)
        status = connection.getresponse().status
        if expired.is_set():  # cut off mid-answer: what was read proves nothing
            raise DeadlinePassed(f"timed out: no answer within {timeout:g} s")
        return status
    except DeadlinePassed:
        raise
    except (OSError, http.client.HTTPException) as error:
        if expired.is_set():
            raise DeadlinePassed(f"timed out: no answer within {timeout:g} s") from None
        raise OSError(str(error) or type(error).__name__) from error
    finally:
        timer.cancel()
        connection.close()
