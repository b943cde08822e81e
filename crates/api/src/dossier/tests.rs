use super::*;

/// Reading a paper's photo is audited (security review M3).
#[test]
fn reading_a_papers_photo_is_audited() -> std::result::Result<(), Box<dyn std::error::Error>> {
    use base64::Engine as _;
    let dir = tempfile::tempdir()?;
    let ctx = Ctx::open(crate::CtxOptions::for_tests(dir.path()))?;
    let id = dossier_create(
        &ctx,
        crate::dto::DossierCreate {
            procedure_code: "GC-GPLX".into(),
            citizen: None,
            visit: None,
            force: false,
            consent: vec![
                crate::dto::ConsentPurposeCode::Dossiers,
                crate::dto::ConsentPurposeCode::DocumentImages,
            ],
        },
    )?
    .dossier
    .map(|v| v.id)
    .ok_or("no dossier")?;
    let mut png = Vec::new();
    image::RgbImage::from_fn(300, 400, |x, y| {
        image::Rgb([(x % 250) as u8, (y % 250) as u8, 90])
    })
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    let v = attachment_add(
        &ctx,
        AttachmentAdd {
            id: id.clone(),
            document: 0,
            name: None,
            data_base64: base64::engine::general_purpose::STANDARD.encode(png),
        },
    )?;
    let attachment = v.documents[0].attachments[0].id;
    attachment_get(
        &ctx,
        AttachmentRemove {
            id: id.clone(),
            attachment,
        },
    )?;
    let last = ctx.store()?.audit().recent(1)?;
    assert_eq!(last[0].action, "attachment.read");
    assert_eq!(
        last[0].subject,
        format!("dossier:{id} attachment:{attachment}")
    );
    Ok(())
}
