#lang racket/base
;; A tiny library collection: `greet` builds a greeting in one of a few languages.
(provide greet languages)

(define languages '(en fr de))

(define (greet who [lang 'en])
  (define salutation
    (case lang
      [(en) "Hello"]
      [(fr) "Bonjour"]
      [(de) "Hallo"]
      [else (raise-argument-error 'greet "(or/c 'en 'fr 'de)" lang)]))
  (string-append salutation ", " who "!"))
