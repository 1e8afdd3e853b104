#lang racket/base
;; The example program: prints a greeting for each command-line name (default: "world").
(require greeting "private/banner.rkt")

(module+ main
  (define names (vector->list (current-command-line-arguments)))
  (displayln (banner))
  (for ([who (if (null? names) '("world") names)])
    (displayln (greet who))))
