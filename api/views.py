"""The public GraphQL endpoint, `/graphql/`.

graphene-django's view, hardened for anonymous use over the internet: request
size and query limits (api.limits), a SQL time limit, errors that never expose
internals, Apollo automatic persisted queries, and caching of anonymous
responses (api.cache) with HTTP caching headers on GET.
"""

import hashlib
import json
import logging
import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    validate,
)
from grapple.settings import grapple_settings

from . import cache
from .db import is_statement_timeout, statement_timeout
from .limits import limit_rules, standard_rules

logger = logging.getLogger(__name__)

SUGGESTION = re.compile(r" ?Did you mean .*\?$")
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


class ApiError(HttpError):
    """A request the API refuses before running it, answered as a GraphQL error."""

    def __init__(self, status, message, code=None):
        self.code = code
        super().__init__(HttpResponse(status=status), message)


@lru_cache(maxsize=256)
def prepare(query, limits):
    """Parse and validate a query once per process: the portal sends the same few
    queries over and over. `limits` is part of the key so changed settings apply;
    the size is small because each entry holds a parsed document (at most
    API_MAX_QUERY_TOKENS tokens)."""
    max_tokens, max_length = limits[0], limits[1]
    try:
        document = parse(
            query,
            max_lexical_tokens=max_tokens,
            max_comments=max_tokens,
            max_source_length=max_length,
        )
    except GraphQLError as error:
        return None, (error,)
    from grapple.schema import schema

    graphql_schema = schema.graphql_schema
    errors = validate(graphql_schema, document, standard_rules())
    for rules in limit_rules():
        if errors:
            break
        errors = validate(graphql_schema, document, rules)
    return document, tuple(errors)


def current_limits():
    return (
        settings.API_MAX_QUERY_TOKENS,
        settings.API_MAX_REQUEST_BYTES,
        settings.API_MAX_QUERY_DEPTH,
        settings.API_MAX_QUERY_COST,
        settings.API_MAX_QUERY_FIELDS,
        settings.API_INTROSPECTION,
        settings.API_UNPAGED_LIST_SIZE,
        grapple_settings.PAGE_SIZE,
        grapple_settings.MAX_PAGE_SIZE,
    )


class PortalGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_request_size(request)
            cache_key = self.response_cache_key(request)
            cached = cache.get_response(cache_key) if cache_key else None
            if cached is not None:
                request.graphql_errors = False
                response = HttpResponse(cached, content_type="application/json")
            else:
                # graphene-django's dispatch without its ensure_csrf_cookie: the API takes
                # no cookies, and a Set-Cookie would keep CDNs from caching public answers.
                response = GraphQLView.dispatch.__wrapped__(self, request, *args, **kwargs)
                if cache_key and getattr(request, "graphql_errors", True) is False:
                    cache.set_response(cache_key, response.content)
        except ApiError as error:
            response = self.error_response(request, error)
        except RequestDataTooBig:
            response = self.error_response(
                request, ApiError(413, "Request body is too large.", "REQUEST_TOO_LARGE")
            )
        answered = getattr(request, "graphql_errors", True) is False
        if request.method == "GET" and answered and self.is_cacheable(request):
            patch_cache_control(response, public=True, max_age=settings.API_HTTP_CACHE_SECONDS)
        elif response.get("Content-Type", "").startswith("application/json"):
            patch_cache_control(response, no_store=True)
        return response

    def response_cache_key(self, request):
        """The key of an anonymous request's answer: the request exactly as sent
        (query string or body), so a hit needs no parsing at all. Only successful
        answers are stored (see dispatch)."""
        if request.method not in ("GET", "POST") or not self.is_cacheable(request):
            return None
        if self.graphiql and self.request_wants_html(request):
            return None
        sent = request.META.get("QUERY_STRING", "")
        if request.method == "POST":
            sent = [self.get_content_type(request), sent, request.body.decode("utf-8", "replace")]
        return cache.response_key(request.get_host(), request.method, sent, current_limits())

    def error_response(self, request, error):
        response = HttpResponse(status=error.response.status_code, content_type="application/json")
        response.content = self.json_encode(request, {"errors": [self.format_error(error)]})
        return response

    @staticmethod
    def check_request_size(request):
        limit = settings.API_MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise ApiError(400, "Invalid Content-Length header.") from None
        if length > limit:
            raise ApiError(
                413, f"Request body is too large (limit {limit} bytes).", "REQUEST_TOO_LARGE"
            )
        if len(request.META.get("QUERY_STRING", "")) > limit:
            raise ApiError(
                414, f"Query string is too long (limit {limit} bytes).", "REQUEST_TOO_LARGE"
            )

    def parse_body(self, request):
        if self.get_content_type(request) == "application/json" and (
            request.body.lstrip()[:1] == b"["
        ):
            raise ApiError(
                400, "Send one query as a JSON object; batched queries are not supported."
            )
        try:
            return super().parse_body(request)
        except RecursionError:
            raise ApiError(400, "Request JSON is nested too deeply.") from None

    def get_graphql_params(self, request, data):
        query, variables, operation_name, id = super().get_graphql_params(request, data)
        query = self.resolve_persisted_query(request, data, query)
        if query is not None and not isinstance(query, str):
            raise ApiError(400, "`query` must be a string.")
        if variables is not None and not isinstance(variables, dict):
            raise ApiError(400, "`variables` must be a JSON object.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise ApiError(400, "`operationName` must be a string.")
        return query, variables, operation_name, id

    def resolve_persisted_query(self, request, data, query):
        """Apollo's automatic persisted queries: a request may send only the
        sha256 of a query the server has seen, which keeps portal GETs short."""
        extensions = request.GET.get("extensions") or data.get("extensions")
        if isinstance(extensions, str):
            try:
                extensions = json.loads(extensions)
            except ValueError:
                raise ApiError(400, "`extensions` is not valid JSON.") from None
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if persisted is None:
            return query
        if not isinstance(persisted, dict):
            persisted = {}
        sha = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not isinstance(sha, str) or not SHA256_HEX.match(sha):
            raise ApiError(400, "Unsupported persistedQuery: expected version 1 and a sha256Hash.")
        if query is None:
            query = cache.persisted_query(sha)
            if query is None:
                raise ApiError(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
            return query
        if not isinstance(query, str) or hashlib.sha256(query.encode()).hexdigest() != sha:
            raise ApiError(
                400, "provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH"
            )
        request.persist_query_as = (sha, query)
        return query

    @staticmethod
    def is_cacheable(request):
        """Anonymous: without a session cookie the session is not even read, so
        public answers do not vary on Cookie."""
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return True
        return not request.user.is_authenticated

    def get_response(self, request, data, show_graphiql=False):
        result, status = super().get_response(request, data, show_graphiql)
        persist_as = getattr(request, "persist_query_as", None)
        if persist_as and status == 200 and not getattr(request, "graphql_errors", True):
            cache.persist_query(*persist_as)
        return result, status

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            if show_graphiql:
                return None
            raise ApiError(400, "Must provide query string.")
        document, errors = prepare(query, current_limits())
        if errors:
            return ExecutionResult(errors=list(errors))
        operation = get_operation_ast(document, operation_name)
        if request.method == "GET" and operation and operation.operation != OperationType.QUERY:
            raise ApiError(405, "Only queries may be sent with GET.")
        with statement_timeout(settings.API_STATEMENT_TIMEOUT_MS):
            result = execute(
                self.schema.graphql_schema,
                document,
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
            )
        request.graphql_errors = bool(result.errors)
        return result

    @staticmethod
    def format_error(error):
        if isinstance(error, HttpError):  # a refused request, ours or graphene-django's
            formatted = {"message": error.message}
            if getattr(error, "code", None):
                formatted["extensions"] = {"code": error.code}
            return formatted
        if isinstance(error, GraphQLError):
            original = error.original_error
            if original is not None and not isinstance(original, GraphQLError):
                if not error.path:
                    # A validation error raised while reading a literal (e.g. an
                    # out-of-range Int): keep graphql-core's sentence, not the internals.
                    return {
                        "message": error.message.split("; ")[0] + ".",
                        "locations": error.formatted.get("locations"),
                    }
                if is_statement_timeout(original):
                    message = "The query took too long and was stopped; ask for less."
                else:
                    logger.error("GraphQL resolver failed", exc_info=original)
                    message = "Internal server error."
                return {
                    "message": message,
                    "locations": error.formatted.get("locations"),
                    "path": error.path,
                }
            formatted = error.formatted
            if not settings.API_FIELD_SUGGESTIONS:
                formatted["message"] = SUGGESTION.sub("", formatted["message"])
            return formatted
        logger.error("GraphQL request failed", exc_info=error)
        return {"message": "Internal server error."}


graphql_view = csrf_exempt(PortalGraphQLView.as_view(graphiql=grapple_settings.EXPOSE_GRAPHIQL))
