"""A pointer for tests under sway's headless backend, which has no input device: a Wayland client
of the wlr-virtual-pointer-unstable-v1 protocol (sway 1.7 offers zwlr_virtual_pointer_manager_v1),
spoken directly on the Wayland socket. sway adds it to its seat as a pointer device, so clients
get real wl_pointer events, exactly as from a mouse.

Wire format from the Wayland protocol's documentation ("Wire Format": 32-bit object id, then the
message size << 16 | opcode, then the arguments; strings are a 32-bit length with the NUL, padded
to 4 bytes); opcodes in the order of the requests in wayland.xml and in
wlr-virtual-pointer-unstable-v1.xml (version 1)."""
import os
import socket
import struct
import time

BTN_LEFT = 0x110  # linux/input-event-codes.h


def _string(text):
    data = text.encode() + b"\0"
    return struct.pack("=I", len(data)) + data + b"\0" * (-len(data) % 4)


class VirtualPointer:
    def __init__(self, wayland_socket, width, height):
        self.width, self.height = width, height
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(wayland_socket)
        self.buffer = b""
        self.next_id = 2
        registry = self._new_id()
        self._send(1, 1, struct.pack("=I", registry))  # wl_display.get_registry
        globals_ = {}
        for obj, opcode, body in self._roundtrip():
            if obj == registry and opcode == 0:  # wl_registry.global(name, interface, version)
                name, length = struct.unpack_from("=II", body)
                interface = body[8:8 + length - 1].decode()
                globals_[interface] = name
        if "zwlr_virtual_pointer_manager_v1" not in globals_:
            raise RuntimeError("the compositor offers no zwlr_virtual_pointer_manager_v1")
        manager = self._new_id()
        # wl_registry.bind(name, new_id without interface: interface string, version, id)
        self._send(registry, 0, struct.pack("=I", globals_["zwlr_virtual_pointer_manager_v1"])
                   + _string("zwlr_virtual_pointer_manager_v1") + struct.pack("=II", 1, manager))
        self.pointer = self._new_id()
        self._send(manager, 0, struct.pack("=II", 0, self.pointer))  # create_virtual_pointer(seat null, id)
        list(self._roundtrip())

    def _new_id(self):
        self.next_id += 1
        return self.next_id - 1

    def _send(self, obj, opcode, args=b""):
        self.sock.sendall(struct.pack("=II", obj, (8 + len(args)) << 16 | opcode) + args)

    def _roundtrip(self):
        callback = self._new_id()
        self._send(1, 0, struct.pack("=I", callback))  # wl_display.sync
        while True:
            while len(self.buffer) < 8:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise RuntimeError("the compositor closed the connection")
                self.buffer += chunk
            obj, word = struct.unpack_from("=II", self.buffer)
            size = word >> 16
            while len(self.buffer) < size:
                self.buffer += self.sock.recv(65536)
            body, self.buffer = self.buffer[8:size], self.buffer[size:]
            if obj == 1 and word & 0xFFFF == 0:  # wl_display.error
                message = body[12:].rstrip(b"\0").decode(errors="replace")
                raise RuntimeError(f"Wayland protocol error: {message}")
            if obj == callback:
                return
            yield obj, word & 0xFFFF, body

    def _time(self):
        return int(time.monotonic() * 1000) & 0xFFFFFFFF

    def move(self, x, y):
        # motion_absolute(time, x, y, x_extent, y_extent), then frame
        self._send(self.pointer, 1, struct.pack("=IIIII", self._time(), int(x), int(y), self.width, self.height))
        self._send(self.pointer, 4)
        list(self._roundtrip())

    def button(self, pressed):
        self._send(self.pointer, 2, struct.pack("=III", self._time(), BTN_LEFT, 1 if pressed else 0))
        self._send(self.pointer, 4)
        list(self._roundtrip())

    def click(self, x, y, hold=0.15):
        self.move(x, y)
        time.sleep(0.1)
        self.button(True)
        time.sleep(hold)
        self.button(False)

    def close(self):
        self.sock.close()


if __name__ == "__main__":
    import sys
    p = VirtualPointer(os.environ["WAYLAND_SOCKET_PATH"], int(sys.argv[1]), int(sys.argv[2]))
    p.click(int(sys.argv[3]), int(sys.argv[4]))
