"""The public GraphQL endpoint, `/graphql/`.

graphene-django's view, hardened for anonymous use over the internet: request
size and query limits (api.limits), a SQL time limit, and the jobs of their own
modules: persisted queries (api.persisted_queries), the response cache and HTTP
caching headers (api.http_caching, api.cache), the error policy (api.errors) and
the root fields answered to the holder of a secret (api.private_fields).
What a request's handling learns along the way is kept on the view instance,
which Django makes anew for every request; the request itself stays grapple's
context, untouched.
"""

import json
from contextlib import suppress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
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
from graphql.execution.values import get_variable_values
from grapple.settings import grapple_settings

from core.visibility import audience

from . import cache, http_caching, persisted_queries, private_fields, trusted_documents
from .arguments import check_arguments, name_the_arguments, operation_document
from .budget import BudgetExceeded, budget_for_request
from .db import statement_timeout
from .errors import TOO_SLOW, ApiError, format_error, stopped_by_statement_timeout
from .limits import limit_rules, standard_rules

UTF8 = ("utf-8", "utf8")


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
    from .public_schema import schema

    graphql_schema = schema.graphql_schema
    errors = validate(graphql_schema, document, standard_rules())
    for rules in limit_rules():
        if errors:
            break
        errors = validate(graphql_schema, document, rules)
    return document, tuple(errors)


@lru_cache(maxsize=1)
def current_limits():
    """The settings a query's acceptance and answer depend on (read once: each
    settings look-up costs the hot path of cached answers)."""
    return (
        settings.API_MAX_QUERY_TOKENS,
        settings.API_MAX_REQUEST_BYTES,
        settings.API_MAX_QUERY_DEPTH,
        settings.API_MAX_QUERY_COST,
        settings.API_MAX_QUERY_FIELDS,
        settings.API_MAX_RESPONSE_BYTES,
        settings.API_INTROSPECTION,
        settings.API_FIELD_SUGGESTIONS,
        settings.API_UNPAGED_LIST_SIZE,
        grapple_settings.PAGE_SIZE,
        grapple_settings.MAX_PAGE_SIZE,
    )


@receiver(setting_changed)
def _forget_limits(**kwargs):
    current_limits.cache_clear()


def check_operation(document, operation, variables):
    """The input rules (api.arguments) for one operation: its variables coerced
    by their declared types, then every argument checked."""
    from .public_schema import schema

    graphql_schema = schema.graphql_schema
    coerced = get_variable_values(graphql_schema, operation.variable_definitions, variables or {})
    if isinstance(coerced, list):
        return name_the_arguments(coerced, operation)
    return check_arguments(graphql_schema, operation_document(document, operation), coerced)


@lru_cache(maxsize=256)
def refused_literal_arguments(query, operation_name, limits):
    """`check_operation` for a query without variables, once per query."""
    document, _ = prepare(query, limits)
    return tuple(check_operation(document, get_operation_ast(document, operation_name), {}))


@lru_cache(maxsize=256)
def private_fields_of(query, limits):
    """The private root fields a valid query selects, once per query."""
    document, _ = prepare(query, limits)
    return private_fields.selected_in(query, document)


def graphql_params(url_params, data):
    """graphene-django's reading of a request's parameters, with persisted queries."""
    query = url_params.get("query") or data.get("query")
    variables = url_params.get("variables") or data.get("variables")
    if variables and isinstance(variables, str):
        try:
            variables = json.loads(variables)
        except ValueError:
            raise ApiError(400, "Variables are invalid JSON.") from None
    operation_name = url_params.get("operationName") or data.get("operationName")
    if operation_name == "null":
        operation_name = None
    if settings.API_TRUSTED_DOCUMENTS_ONLY:
        query, register_as = trusted_documents.resolve(url_params, data, query), None
    else:
        query, register_as = persisted_queries.resolve(url_params, data, query)
    if query is not None and not isinstance(query, str):
        raise ApiError(400, "`query` must be a string.")
    if variables is not None and not isinstance(variables, dict):
        raise ApiError(400, "`variables` must be a JSON object.")
    if operation_name is not None and not isinstance(operation_name, str):
        raise ApiError(400, "`operationName` must be a string.")
    return query, variables, operation_name, register_as


@lru_cache(maxsize=256)
def params_of_url(query_string, trusted_documents_only):
    """`graphql_params` of a GET, once per URL a process sees: the portal's GETs
    repeat, and reading them costs more than answering from the cache. (Callers
    never change the variables dict they get.) Keyed by the mode too, which
    decides what a URL may run."""
    return graphql_params(QueryDict(query_string), {})


def never_awaitable(value):
    return False


class PortalGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        self.answered = False  # the query ran, or was served, without errors
        self.fresh_for = None  # seconds the answer stays true; None: nothing is due
        self.complete = True  # False: part of it is being made in the background
        try:
            self.check_request(request)
            if self.graphiql and self.can_display_graphiql(request, request.GET):
                # graphene-django's dispatch without its ensure_csrf_cookie: the
                # API takes no cookies.
                return GraphQLView.dispatch.__wrapped__(self, request, *args, **kwargs)
            response = self.answer(request)
        except RecursionError:
            response = self.error_response(ApiError(400, "Request JSON is nested too deeply."))
        except HttpError as error:  # refused: ours (ApiError) or graphene-django's
            response = self.error_response(error)
        except RequestDataTooBig:
            response = self.error_response(
                ApiError(413, "Request body is too large.", "REQUEST_TOO_LARGE")
            )
        shareable = self.answered and self.complete
        return http_caching.with_headers(request, response, shareable, self.fresh_for)

    def answer(self, request):
        """Run the request's query, or serve its stored answer."""
        data = self.parse_body(request)
        query, variables, operation_name, register_as = self.get_graphql_params(request, data)
        if not query:
            raise ApiError(400, "Must provide query string.")
        document, errors = prepare(query, current_limits())
        if errors:
            return self.result_response(ExecutionResult(errors=list(errors)))
        operation = get_operation_ast(document, operation_name)
        # For the request's log line (cms.request_log).
        request.graphql_operation = operation.name.value if operation and operation.name else None
        if request.method == "GET" and operation and operation.operation != OperationType.QUERY:
            raise ApiError(405, "Only queries may be sent with GET.")
        private = private_fields_of(query, current_limits())
        if private:
            names = " and ".join(f"`{name}`" for name in sorted(private))
            if request.method == "GET":
                raise ApiError(
                    405, f"{names} is answered over POST only: a token never goes in a URL."
                )
            if request.GET:  # a POST whose query or variables ride in its URL
                raise ApiError(
                    400, f"{names}: send the query in the POST body; a token never goes in a URL."
                )
            register_as = None  # never a persisted query, nor cached below
        if operation is not None:
            # Variables the operation does not declare change nothing: they are
            # dropped, so they cannot make new cache keys either.
            declared = {each.variable.name.value for each in operation.variable_definitions}
            variables = {
                name: value for name, value in (variables or {}).items() if name in declared
            }

        key = None
        if (
            settings.API_RESPONSE_CACHE_SECONDS > 0
            and not private
            and http_caching.is_anonymous(request)
        ):
            key = http_caching.response_key(
                request, query, variables, operation_name, current_limits()
            )
            stored = cache.get_response(key)
            if stored is not None:
                self.answered, ((body, etag), self.fresh_for) = True, stored
                if register_as:
                    persisted_queries.register(register_as, query)
                response = HttpResponse(body, content_type="application/json")
                response["ETag"] = etag  # hashed once, when stored
                return response

        refused = self.refused_arguments(query, document, operation, variables)
        if refused:
            return self.result_response(ExecutionResult(errors=refused))
        with budget_for_request() as budget, statement_timeout(settings.API_STATEMENT_TIMEOUT_MS):
            result = execute(
                self.schema.graphql_schema,
                document,
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
                is_awaitable=never_awaitable,  # nothing here is asynchronous
            )
        if budget.refusal is None and any(map(stopped_by_statement_timeout, result.errors or ())):
            budget.refusal = {"message": TOO_SLOW, "extensions": {"code": "QUERY_TOO_SLOW"}}
        response = self.result_response(result)
        if budget.refusal is None and len(response.content) > settings.API_MAX_RESPONSE_BYTES:
            with suppress(BudgetExceeded):
                budget.refuse_size()
        if budget.refusal is not None:
            # Out of time or size: one clear error for the whole request.
            return self.error_response(ApiError(400, **budget.refusal))
        self.answered = not result.errors
        self.complete = not budget.incomplete
        if self.answered and self.complete:
            # From the moment the public rules were applied, not from now: an
            # expiry while the query ran ends the answer's life already.
            current = audience()
            self.fresh_for = cache.seconds_until_public_change(current.now, current.site_root_path)
            if key:
                etag = http_caching.etag_of(response.content)
                cache.set_response(key, (response.content, etag), self.fresh_for)
        if self.answered and register_as:
            persisted_queries.register(register_as, query)
        return response

    def refused_arguments(self, query, document, operation, variables):
        """The input rules, before anything runs (see api.arguments)."""
        if operation is None:
            return []  # no such operation: execution says so
        if not variables:  # the same answer for the same query every time
            name = operation.name.value if operation.name else None
            return list(refused_literal_arguments(query, name, current_limits()))
        return check_operation(document, operation, variables)

    def result_response(self, result):
        payload = {}
        if result.errors:
            payload["errors"] = [format_error(error) for error in result.errors]
        # Errors without a path were found before running: the request is refused.
        refused = any(not getattr(error, "path", None) for error in result.errors or ())
        if not refused:
            payload["data"] = result.data
        return HttpResponse(
            json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode(
                "utf-8", "replace"
            ),
            status=400 if refused else 200,
            content_type="application/json",
        )

    def error_response(self, error):
        response = HttpResponse(status=error.response.status_code, content_type="application/json")
        response.content = json.dumps({"errors": [format_error(error)]}, separators=(",", ":"))
        if error.response.status_code == 405:
            response["Allow"] = "GET, POST"
        return response

    @staticmethod
    def check_request(request):
        if request.method not in ("GET", "POST"):
            raise ApiError(405, "GraphQL is served over GET and POST only.")
        charset = request.content_params.get("charset") if request.content_type else None
        if charset and charset.strip().lower() not in UTF8:
            raise ApiError(400, f"Send requests in UTF-8 (charset {charset!r} is not accepted).")
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
        if request.method == "GET":
            # A GET is its URL: an answer a CDN keeps by URL must not depend on a body.
            return {}
        if self.get_content_type(request) == "application/json" and (
            request.body.lstrip()[:1] == b"["
        ):
            raise ApiError(
                400, "Send one query as a JSON object; batched queries are not supported."
            )
        try:
            request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, "Request body is not UTF-8.") from None
        return super().parse_body(request)

    def get_graphql_params(self, request, data):
        """The query to run, its variables and operation name, and the hash to
        register it under as a persisted query once it has run."""
        if request.method == "GET":  # the same URL, the same parameters
            return params_of_url(
                request.META.get("QUERY_STRING", ""), settings.API_TRUSTED_DOCUMENTS_ONLY
            )
        return graphql_params(request.GET, data)

    @staticmethod
    def format_error(error):
        return format_error(error)


# Read-only, with its own statement deadline: no request-wide transaction.
graphql_view = transaction.non_atomic_requests(
    csrf_exempt(PortalGraphQLView.as_view(graphiql=grapple_settings.EXPOSE_GRAPHIQL))
)
