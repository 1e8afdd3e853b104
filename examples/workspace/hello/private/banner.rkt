#lang racket/base
(provide banner)
(define (banner) "== hello, an nx-raco example ==")
