# gettext: .po catalogues under assets/i18n/ are compiled to .mo in the build tree, laid out as
# <data>/locale/<lang>/LC_MESSAGES/<domain>.mo, the layout Boost.Locale reads.
find_program(MSGFMT msgfmt REQUIRED)
find_program(XGETTEXT xgettext REQUIRED)
find_program(MSGCMP msgcmp REQUIRED)

function(dps_add_catalogues target domain po_dir)
  file(GLOB po_files CONFIGURE_DEPENDS ${po_dir}/*.po)
  set(outputs)
  foreach(po ${po_files})
    get_filename_component(lang ${po} NAME_WE)
    set(mo ${DPS_BUILD_DATA_DIR}/locale/${lang}/LC_MESSAGES/${domain}.mo)
    add_custom_command(OUTPUT ${mo}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${DPS_BUILD_DATA_DIR}/locale/${lang}/LC_MESSAGES
      COMMAND ${MSGFMT} --check -o ${mo} ${po}
      DEPENDS ${po} COMMENT "Compiling ${lang} catalogue" VERBATIM)
    install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_DATADIR}/dps-kiosk/locale/${lang}/LC_MESSAGES)
    list(APPEND outputs ${mo})
  endforeach()
  add_custom_target(${target} ALL DEPENDS ${outputs})
endfunction()

# The template of every translatable string, extracted from the sources at build time; the
# catalogue check (tests/i18n) compares each .po against it.
function(dps_add_template target domain output)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/kiosk/*.cpp ${PROJECT_SOURCE_DIR}/kiosk/*.h
       ${PROJECT_SOURCE_DIR}/shared/*.cpp ${PROJECT_SOURCE_DIR}/shared/*.h)
  add_custom_command(OUTPUT ${output}
    COMMAND ${XGETTEXT} --language=C++ --from-code=UTF-8 --no-wrap --sort-by-file --package-name=dps-kiosk
            --keyword=tr --keyword=trn:1,2 --keyword=trCount:1,2 --keyword=trWith:1 --keyword=N_ --keyword=translate:2
            -o ${output} ${sources}
    DEPENDS ${sources} COMMENT "Extracting translatable strings" VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${output})
endfunction()
