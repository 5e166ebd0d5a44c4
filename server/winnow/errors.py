"""One JSON error shape for every error the API returns: {"error": {"code", "message"}}."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)
API_PREFIX = "/api/"

# Codes for the statuses werkzeug raises on its own (routing, body size, methods).
HTTP_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable_page",
    429: "rate_limited",
    503: "service_unavailable",
}


class ApiError(Exception):
    """An error the API reports to its caller in the one JSON error shape."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def bad_request(message: str) -> ApiError:
    return ApiError(400, "bad_request", message)


def unprocessable(message: str) -> ApiError:
    return ApiError(422, "unprocessable_page", message)


def error_response(status: int, code: str, message: str) -> Response:
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        response = error_response(exc.status, exc.code, exc.message)
        response.headers.update(exc.headers)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response | HTTPException:
        if not request.path.startswith(API_PREFIX):
            return exc
        status = exc.code or 500
        code = HTTP_STATUS_CODES.get(status, "http_error")
        if status == 413:
            limit = app.config["MAX_BODY_BYTES"]
            message = f"The request body is larger than the limit of {limit} bytes."
        else:
            message = exc.description or exc.name
        response = error_response(status, code, message)
        if status == 429 and exc.response is not None:
            retry_after = exc.response.headers.get("Retry-After")
            if retry_after:
                response.headers["Retry-After"] = retry_after
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error")
        return error_response(500, "internal_error", "The server hit an unexpected error.")
