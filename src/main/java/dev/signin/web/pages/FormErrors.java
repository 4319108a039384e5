package dev.signin.web.pages;

import jakarta.mvc.binding.BindingResult;
import jakarta.mvc.binding.ParamError;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns Krazo's binding and validation errors into one message per form field, for the views. */
public final class FormErrors {

    private FormErrors() {
    }

    public static Map<String, String> of(BindingResult binding) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ParamError error : binding.getAllErrors()) {
            String field = error.getParamName() == null ? "form" : error.getParamName();
            errors.putIfAbsent(field, error.getMessage());
        }
        return errors;
    }
}
