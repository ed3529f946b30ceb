" .sla files are Service Level Agreements (slac).
autocmd BufRead,BufNewFile *.sla setfiletype sla
