"""Live chat for webinars: a per-process room hub that serialises each message once and
writes it to the process's sockets from one task, shared between processes through one
Redis subscription per room per process (see `hub`)."""
