"""Media files answer HTTP Range requests as podcast apps expect (RFC 9110 §14)."""

import pytest

from portal.media import ByteRange, Unsatisfiable, parse_range

CONTENT = bytes(range(256)) * 40  # 10,240 bytes, every offset identifiable


@pytest.fixture
def media_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "podcasts").mkdir()
    path = tmp_path / "podcasts" / "episode.mp3"
    path.write_bytes(CONTENT)
    return "/media/podcasts/episode.mp3"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


class TestParseRange:
    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ("bytes=0-99", ByteRange(0, 99)),
            ("bytes=100-", ByteRange(100, 999)),
            ("bytes=-100", ByteRange(900, 999)),
            ("bytes=-5000", ByteRange(0, 999)),
            ("bytes=990-5000", ByteRange(990, 999)),
            ("bytes=999-999", ByteRange(999, 999)),
        ],
    )
    def test_satisfiable_ranges(self, header, expected):
        assert parse_range(header, 1000) == expected

    @pytest.mark.parametrize(
        "header",
        ["", "bytes=", "bytes=-", "items=0-1", "bytes=abc", "bytes=5-1", "bytes=0-1,5-9", "0-1"],
    )
    def test_malformed_or_multiple_ranges_are_ignored(self, header):
        assert parse_range(header, 1000) is None

    @pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
    def test_ranges_outside_the_file_are_unsatisfiable(self, header):
        with pytest.raises(Unsatisfiable):
            parse_range(header, 1000)

    def test_empty_file_cannot_satisfy_any_range(self):
        with pytest.raises(Unsatisfiable):
            parse_range("bytes=-10", 0)


class TestServeMedia:
    def test_full_get_advertises_ranges(self, client, media_file):
        response = client.get(media_file)
        assert response.status_code == 200
        assert response["Accept-Ranges"] == "bytes"
        assert response["Content-Type"] == "audio/mpeg"
        assert int(response["Content-Length"]) == len(CONTENT)
        assert body(response) == CONTENT

    def test_partial_content(self, client, media_file):
        response = client.get(media_file, HTTP_RANGE="bytes=1000-1999")
        assert response.status_code == 206
        assert response["Content-Range"] == f"bytes 1000-1999/{len(CONTENT)}"
        assert response["Content-Length"] == "1000"
        assert body(response) == CONTENT[1000:2000]

    def test_open_ended_and_suffix_ranges(self, client, media_file):
        tail = client.get(media_file, HTTP_RANGE="bytes=10000-")
        assert body(tail) == CONTENT[10000:]
        assert tail["Content-Range"] == f"bytes 10000-10239/{len(CONTENT)}"
        suffix = client.get(media_file, HTTP_RANGE="bytes=-240")
        assert suffix.status_code == 206
        assert body(suffix) == CONTENT[-240:]

    def test_unsatisfiable_range(self, client, media_file):
        response = client.get(media_file, HTTP_RANGE="bytes=20000-")
        assert response.status_code == 416
        assert response["Content-Range"] == f"bytes */{len(CONTENT)}"

    def test_malformed_range_gets_the_whole_file(self, client, media_file):
        response = client.get(media_file, HTTP_RANGE="bytes=oops")
        assert response.status_code == 200
        assert body(response) == CONTENT

    def test_head_has_headers_and_no_body(self, client, media_file):
        response = client.head(media_file)
        assert response.status_code == 200
        assert response["Content-Length"] == str(len(CONTENT))
        assert response["Accept-Ranges"] == "bytes"
        assert body(response) == b""
        partial = client.head(media_file, HTTP_RANGE="bytes=0-9")
        assert partial.status_code == 206
        assert partial["Content-Length"] == "10"
        assert body(partial) == b""

    def test_conditional_get_and_if_range(self, client, media_file):
        first = client.get(media_file)
        etag = first["ETag"]
        assert client.get(media_file, HTTP_IF_NONE_MATCH=etag).status_code == 304
        current = client.get(media_file, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag)
        assert current.status_code == 206
        stale = client.get(media_file, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"stale"')
        assert stale.status_code == 200
        assert body(stale) == CONTENT

    def test_ranges_are_never_compressed(self, client, media_file):
        response = client.get(media_file, HTTP_RANGE="bytes=0-4999", HTTP_ACCEPT_ENCODING="gzip")
        assert "Content-Encoding" not in response
        assert body(response) == CONTENT[:5000]

    @pytest.mark.parametrize(
        "path",
        ["/media/../settings.py", "/media/%2e%2e/portal/settings/base.py", "/media/none.mp3"],
    )
    def test_missing_and_escaping_paths_are_404(self, db, client, media_file, path):
        assert client.get(path).status_code == 404

    def test_directory_is_404(self, db, client, media_file):
        assert client.get("/media/podcasts/").status_code == 404

    def test_only_get_and_head(self, client, media_file):
        assert client.post(media_file).status_code == 405
