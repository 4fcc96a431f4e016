"""Typed errors. Each carries a code, the document it concerns and the reason.

The CLI prints `str(error)` as one line; the codes are stable so docs and issues can
cite them (see docs/errors.md).
"""

from __future__ import annotations


class BilateralError(Exception):
    code = "E000"
    hint = ""

    def __init__(self, doc: str, reason: str, hint: str | None = None):
        self.doc = doc
        self.reason = reason
        if hint is not None:
            self.hint = hint
        super().__init__(str(self))

    def __reduce__(self):
        # Errors travel between processes (Dask workers, --workers): rebuild from the fields.
        return (self.__class__, (self.doc, self.reason, self.hint))

    def __str__(self) -> str:
        msg = f"[{self.code}] {self.doc}: {self.reason}"
        return f"{msg} ({self.hint})" if self.hint else msg


class InputError(BilateralError):
    """A document that cannot be read or coded; the batch goes on without it."""

    code = "E100"


class MissingPath(InputError):
    code = "E101"
    hint = "check the path"


class EmptyDocument(InputError):
    code = "E102"


class BinaryDocument(InputError):
    code = "E103"
    hint = "give text, HTML or JSON Lines"


class UndetectableEncoding(InputError):
    code = "E104"
    hint = "convert the file to UTF-8"


class OversizedDocument(InputError):
    code = "E105"
    hint = "raise max_bytes in the config or split the file"


class NotEnglish(InputError):
    code = "E106"
    hint = "only English is coded"


class NoArticleText(InputError):
    code = "E107"


class BadJsonLine(InputError):
    code = "E108"


class BadDate(InputError):
    code = "E109"
    hint = "use YYYY-MM-DD"


class StoreError(BilateralError):
    code = "E200"


class SchemaVersionError(StoreError):
    code = "E201"


class ConfigError(BilateralError):
    code = "E300"


class UnknownCountry(BilateralError):
    code = "E301"
    hint = "give an ISO 3166 alpha-3 code or a country name"


class SameCountry(BilateralError):
    code = "E302"
    hint = "give two different countries"


class GoldError(BilateralError):
    code = "E400"
    hint = "see docs/annotation.md for the gold formats"


class ServeError(BilateralError):
    """An error of the HTTP side (`bilateral serve`); `status` is the HTTP status it answers with."""

    code = "E500"
    status = 500


class NotFound(ServeError):
    code = "E501"
    status = 404


class MethodNotAllowed(ServeError):
    code = "E502"
    status = 405


class BadRequest(ServeError):
    code = "E503"
    status = 422


class BodyTooLarge(ServeError):
    code = "E504"
    status = 413
    hint = "send less, or raise serve_max_body in the config"


class Unauthorized(ServeError):
    code = "E505"
    status = 401
    hint = "send Authorization: Bearer <token>; bilateral token create makes one"


class CsrfFailed(ServeError):
    code = "E506"
    status = 403
    hint = "reload the page and send the form again"


class UnsupportedUpload(ServeError):
    code = "E507"
    status = 415
    hint = "upload .txt, .md, .html or .jsonl as UTF-8 text"


class BadCursor(ServeError):
    code = "E508"
    status = 422
    hint = "use the next_cursor of the previous page with the same sort"


class RefusedUrl(ServeError):
    code = "E509"
    status = 422
    hint = "give a public http(s) address, or set serve_fetch_private = true"


class TokenError(ServeError):
    code = "E510"
    status = 404


# -- sources: fetching, feeds, sitemaps, web archives, watch (E600-E699) ----------------


class FetchError(InputError):
    """A URL that could not be fetched: an HTTP error, a network error, a timeout."""

    code = "E600"
    transient = False  # True when trying again later may work (timeouts, 5xx, 429)


class FetchTimeout(FetchError):
    code = "E601"
    transient = True
    hint = "the server is slow or down; raise fetch_timeout to wait longer"


class PrivateAddress(FetchError):
    code = "E602"
    hint = "set fetch_allow_private = true to fetch from this machine or a private network"


class RedirectError(FetchError):
    code = "E603"


class RobotsDisallowed(FetchError):
    code = "E604"
    hint = "the site's robots.txt asks bilateral not to fetch it"


class WrongContentType(FetchError):
    code = "E605"
    hint = "give a web page or plain text"


class BadFeed(InputError):
    code = "E610"
    hint = "give the URL or path of an RSS or Atom feed"


class FeedItemNoLink(InputError):
    code = "E611"


class BadOpml(InputError):
    code = "E612"
    hint = "give an OPML file whose outlines carry xmlUrl"


class BadSitemap(InputError):
    code = "E620"
    hint = "give the URL of a sitemap (urlset) or a sitemap index"


class BadWarc(InputError):
    code = "E630"
    hint = "give a WARC or ARC file, gzipped or not"


class TruncatedWarcRecord(InputError):
    code = "E631"


class WatchError(BilateralError):
    code = "E640"
    hint = "name feeds with --feed or --opml, or in the [watch] section of the config"
# -- issue 7: scale, store backends, interchange (E700-E799) ---------------------------------


class StoreUnreachable(StoreError):
    """The database server named by --db cannot be reached or refuses the connection."""

    code = "E700"
    hint = "check the --db URL, that the server is running and that the database exists"


class DatasetVersionError(BilateralError):
    """A Parquet dataset written in another bilateral format version."""

    code = "E701"


class DatasetError(BilateralError):
    """A folder that is not a bilateral Parquet dataset, or a part file that cannot be read."""

    code = "E702"


class BadGdeltRow(InputError):
    """A line of a GDELT 2.0 events file that is not a GDELT event row; the import goes on."""

    code = "E703"
    hint = "GDELT 2.0 event rows have 61 tab-separated columns"


class WorkerLost(InputError):
    """A document whose coding never finished: the Dask workers running it died every time."""

    code = "E704"
    hint = "re-run the same command: stored documents are skipped"


class WorkerCrashed(InputError):
    """A document whose `--workers` process died while coding it, on the first try and the retry."""

    code = "E707"
    hint = "code it alone (bilateral code FILE) to see why; the run went on without it"


class ClusterError(BilateralError):
    """The Dask scheduler cannot be reached or the local cluster cannot start."""

    code = "E705"
    hint = "check the scheduler address (tcp://host:8786) or use --dask local"


class ExportError(BilateralError):
    """An export that cannot be written (unknown format, unwritable file)."""

    code = "E706"
