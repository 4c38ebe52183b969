#!/usr/bin/env python3
"""Two non-RDP listeners for the RDP audit's error tests (run inside the lab namespace only).
argv: ADDRESS HTTP_PORT SILENT_PORT. HTTP_PORT answers every connection with an HTTP 400;
SILENT_PORT accepts connections and never sends a byte."""
import socket, sys, threading, time

addr, http_port, silent_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def listener(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(16)
    return s

def http(s):
    while True:
        c, _ = s.accept()
        try:
            c.settimeout(2)
            c.recv(1024)
            c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass
        finally:
            c.close()

def silent(s):
    held = []
    while True:
        c, _ = s.accept()
        held.append(c)   # keep it open, say nothing

threading.Thread(target=http, args=(listener(http_port),), daemon=True).start()
threading.Thread(target=silent, args=(listener(silent_port),), daemon=True).start()
while True:
    time.sleep(3600)
