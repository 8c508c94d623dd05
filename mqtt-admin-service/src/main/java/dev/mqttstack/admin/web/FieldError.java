package dev.mqttstack.admin.web;

/**
 * One invalid field of a request, as listed in a validation problem's {@code errors}.
 *
 * @param field the field, as named in the request
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

}
